"use client";

// Rendered outside the root layout (no translations available): both languages, no details.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "6rem 1.5rem", textAlign: "center" }}>
        <h1>Something went wrong · 出错了</h1>
        <p>The console could not finish this request. 控制台未能完成此请求。</p>
        {error.digest ? <p style={{ fontFamily: "monospace", fontSize: 12 }}>Reference: {error.digest}</p> : null}
        <button type="button" onClick={() => reset()}>
          Try again · 重试
        </button>
      </body>
    </html>
  );
}
