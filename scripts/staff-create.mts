/**
 * Creates a staff member (an admin by default) on DATABASE_URL's database.
 * The password is read from a hidden prompt, or from stdin when piped — never
 * from argv, where it would land in shell history and `ps`.
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import postgres from "postgres";
import { hashPassword, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { staffRoles } from "@/lib/domain/enums";
import { PASSWORD_MAX_BYTES, passwordProblem } from "@/lib/auth/password-policy";
import { parseArgs } from "./lib/args.mts";
import { requireDatabaseUrl } from "./lib/database-url.mts";

const args = parseArgs(process.argv.slice(2), { email: "string", name: "string", role: "string" });
const email = String(args.email ?? "")
  .trim()
  .toLowerCase();
const name = String(args.name ?? "").trim();
const role = String(args.role ?? "admin");
if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || !name || !(staffRoles as readonly string[]).includes(role)) {
  console.error(
    'Usage: DATABASE_URL=postgres://… npm run staff:create -- --email you@example.com --name "Your Name" [--role admin|supervisor|agent]',
  );
  process.exit(1);
}
const url = requireDatabaseUrl("the database to add the staff member to");

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let input = "";
    for await (const chunk of process.stdin) input += chunk;
    return input.split("\n")[0] ?? "";
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      muted = false;
      rl.question(question, (answer) => resolve(answer));
      muted = true;
    });
  const first = await ask("Password: ");
  process.stdout.write("\n");
  const second = await ask("Repeat password: ");
  process.stdout.write("\n");
  rl.close();
  if (first !== second) throw new Error("The passwords do not match.");
  return first;
}

const password = await readPassword();
const problem = passwordProblem(password, [email, name]);
if (problem) {
  const why = {
    passwordTooShort: `it must have at least ${PASSWORD_MIN_LENGTH} characters`,
    passwordTooLong: `it must be at most ${PASSWORD_MAX_BYTES} bytes`,
    passwordCommon: "it is a common password or too close to one (or to the email or name)",
  }[problem];
  console.error(`Refused: ${why}.`);
  process.exit(1);
}
const sql = postgres(url, { max: 1, onnotice: () => {} });
try {
  const hash = await hashPassword(password);
  const [row] =
    await sql`insert into staff (email, name, password_hash, role) values (${email}, ${name}, ${hash}, ${role})
    on conflict (email) do nothing returning id`;
  if (!row) {
    console.error(`A staff member with ${email} already exists.`);
    process.exitCode = 1;
  } else {
    await sql`insert into audit_log (actor_staff_id, action, entity_type, entity_id, after)
      values (null, 'staff.create', 'staff', ${String(row.id)}, ${sql.json({ email, name, role, via: "staff:create" })})`;
    console.log(`Created ${role} ${email} (id ${row.id}).`);
  }
} finally {
  await sql.end();
}
