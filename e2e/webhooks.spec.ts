import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./support/test";
import { atWidths } from "./support/widths";
import { signedIn } from "./support/auth";
import { mutate, query } from "./support/trpc";

// Self-sufficient: works on a fresh database or after the other specs, in any order.
test.describe.configure({ mode: "serial" });

const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
let server: Server;
let receiverUrl = "";

test.beforeAll(async ({ request }) => {
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);
  // The receiver runs in the test process, on loopback: the server must be allowed private targets to reach it.
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/steward-${Date.now().toString(36)}`;
});

test.afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

test("an admin registers an endpoint, sees its secret once, and a test event reaches the receiver signed", async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await signedIn(browser, admin);
  await mutate(page.request, "webhooks.setAllowPrivate", { allow: false });
  await page.goto("/settings");
  await page.getByRole("link", { name: "Manage webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  // Loopback is refused while private targets are not allowed.
  await page.getByLabel("URL").fill(receiverUrl);
  await page.getByRole("button", { name: "Register endpoint" }).click();
  await expect(page.getByText(/127\.0\.0\.1 is a loopback, private or link-local address/)).toBeVisible();

  const allow = page.getByLabel("Allow endpoints on private addresses");
  const saved = page.waitForResponse((r) => r.url().includes("webhooks.setAllowPrivate") && r.ok());
  await allow.click();
  await expect(allow).toBeChecked();
  await saved;
  await expect(allow).toBeEnabled();
  await page.getByLabel("Description (optional)").fill("Loopback receiver");
  await page.getByRole("button", { name: "Register endpoint" }).click();
  const secretBox = page.getByTestId("new-secret");
  await expect(secretBox).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
  const secret = (await secretBox.textContent())!;
  await expect(page.getByRole("link", { name: receiverUrl })).toBeVisible();
  await atWidths(page, "webhooks");

  // Shown once: a fresh load of the list does not carry it.
  await page.reload();
  await expect(page.getByRole("link", { name: receiverUrl })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  await page.getByRole("link", { name: receiverUrl }).click();
  await expect(page.getByTestId("endpoint-url")).toHaveText(receiverUrl);
  await expect(page.getByText("Nothing sent yet")).toBeVisible();
  await page.getByRole("button", { name: "Send test event" }).click();
  const row = page.getByTestId("delivery-row").first();
  await expect(row).toContainText("webhook.test");
  await expect(row).toContainText("Delivered", { timeout: 15_000 });
  await expect(row).toContainText("HTTP 204");

  expect(received).toHaveLength(1);
  const got = received[0]!;
  const eventId = got.headers["steward-event-id"] as string;
  await expect(row).toContainText(eventId);
  // Verified as a receiver would, independently of Steward's code.
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(got.headers["steward-signature"] as string)!;
  expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(300);
  expect(createHmac("sha256", secret).update(`${t}.${got.body}`).digest("hex")).toBe(v1);
  expect(JSON.parse(got.body)).toMatchObject({ id: eventId, type: "webhook.test" });
  await atWidths(page, "webhook-endpoint");

  await mutate(page.request, "webhooks.setAllowPrivate", { allow: false });
  await page.context().close();
});
