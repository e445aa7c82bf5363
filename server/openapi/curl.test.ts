import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { API_ROUTES } from "./registry";
import { apiExamples, curlExample } from "./curl";

describe("curl examples", () => {
  it("are generated for every documented operation, with the site's origin and the token placeholder", () => {
    const examples = apiExamples("https://steward.example.com");
    expect(examples.map((e) => `${e.method} ${e.path}`)).toEqual(API_ROUTES.map((r) => `${r.operation.method} ${r.operation.path}`));
    for (const [i, e] of examples.entries()) {
      // Path parameters are filled in from the operation's example.
      const params = API_ROUTES[i]!.operation.example?.params ?? {};
      const path = e.path.replace(/\{(\w+)\}/g, (_, k: string) => params[k]!);
      expect(path, `${e.path}: give its example a value for every path parameter`).not.toMatch(/undefined/);
      expect(e.curl).toContain(`"https://steward.example.com${path}`);
      expect(e.curl).toContain('-H "Authorization: Bearer $STEWARD_TOKEN"');
    }
  });

  it("send an example each operation's own schemas accept, so the examples cannot rot", () => {
    for (const { operation: op } of API_ROUTES) {
      if (op.query) expect(op.query.safeParse(op.example?.query ?? {}).success, `${op.method} ${op.path} example query`).toBe(true);
      if (op.body) expect(op.body.safeParse(op.example?.body).success, `${op.method} ${op.path} example body`).toBe(true);
      if (op.params) expect(op.params.safeParse(op.example?.params ?? {}).success, `${op.method} ${op.path} example path`).toBe(true);
    }
  });

  it("survive the shell: the body a POSIX shell passes to curl is the example's JSON, quotes included", () => {
    const op = { ...API_ROUTES.find((r) => r.operation.body)!.operation, example: { body: { name: 'it\'s "quoted" $HOME `x`' } } };
    const command = curlExample(op, "http://localhost:3000");
    // Replace curl with a printer of its --data argument; the shell does the quoting work.
    const data = execFileSync("sh", ["-c", `curl() { while [ "$1" != "--data" ]; do shift; done; printf %s "$2"; }; ${command}`], {
      env: { ...process.env, STEWARD_TOKEN: "t", HOME: "/nowhere" },
    }).toString();
    expect(JSON.parse(data)).toEqual(op.example.body);
  });
});
