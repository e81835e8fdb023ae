import { z } from "@/lib/validation/zod";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(3).max(254).pipe(z.email()),
  password: z.string().min(1).max(512),
});
export type SignInInput = z.infer<typeof signInSchema>;
