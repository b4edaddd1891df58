/** Reading a raw Node HTTP(S) answer, for tests that speak to the sandbox without a client. */
import type { IncomingMessage } from "node:http";

/** The status and UTF-8 body of `res`, once it has ended. */
export function answerOf(res: IncomingMessage): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let body = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => (body += chunk));
    res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    res.on("error", reject);
  });
}
