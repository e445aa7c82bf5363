import { expect, test } from "./support/test";
import { expectAccessible, screenshot } from "./support/a11y";
import { PHONE, atPhoneWidth, atWidths } from "./support/widths";
import { signedIn } from "./support/auth";
import { mutate, query } from "./support/trpc";
import { createPerson } from "./support/people";

// The tests build on each other, in order, on data this file creates for itself.
test.describe.configure({ mode: "serial" });

// Unique per run, so reruns against the same database do not collide.
const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const steward = { name: `Rita Steward ${run}`, email: `rita.${run}@example.test`, password: "rita steward passphrase", roles: ["steward"] };
const marketer = { name: `Mark Marketer ${run}`, email: `mark.${run}@example.test`, password: "mark marketer passphrase", roles: ["marketer"] };
const officer = { name: `Paul Privacy ${run}`, email: `paul.${run}@example.test`, password: "paul privacy passphrase", roles: ["privacy_officer"] };

const segment = { key: `newsletter_fans_${run}`, name: `Newsletter fans ${run}`, id: "" };
const undocumented = { key: `quick_idea_${run}`, name: `Quick idea ${run}`, id: "" };
let fields: Record<string, unknown> = {};
const justification = `Spring newsletter campaign ${run}: we need a consented audience of engaged readers.`;
let requestId = "";

test.beforeAll(async ({ browser, request }) => {
  test.setTimeout(120_000);
  // Works whether or not another spec already ran first-run setup.
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);

  const adminPage = await signedIn(browser, admin);
  for (const u of [steward, marketer, officer]) await createPerson(adminPage.request, u);
  await adminPage.context().close();

  const stewardPage = await signedIn(browser, steward);
  const req = stewardPage.request;
  const purposes = await query<Array<{ id: string; key: string }>>(req, "purposes.list", { includeRetired: false });
  const categories = await query<Array<{ id: string; key: string }>>(req, "categories.list", { includeRetired: false });
  const emailPurposeId = purposes.find((p) => p.key === "marketing.email")!.id;
  const source = await mutate<{ id: string }>(req, "sources.create", {
    key: `esp_${run}`,
    name: `Email service ${run}`,
    systemType: "email_service",
    owner: "CRM team",
    jurisdictions: ["UK"],
    retentionDays: 730,
    encryptedInTransit: true,
    encryptedAtRest: true,
    pseudonymised: false,
    consentCapturePoints: ["preference_centre"],
  });
  // An email address category makes the segment confidential: a steward and a privacy officer must approve.
  const signal = await mutate<{ id: string }>(req, "signals.create", {
    key: `newsletter_opens_${run}`,
    name: `Newsletter opens ${run}`,
    sourceId: source.id,
    categoryId: categories.find((c) => c.key === "user.contact.email")!.id,
    kind: "behavioural",
    fidelity: "confirmed",
    identifiability: "identified",
    valueType: "number",
    retentionDays: 730,
    consents: [{ purposeId: emailPurposeId, lawfulBasis: "consent" }],
  });
  await stewardPage.context().close();

  const marketerPage = await signedIn(browser, marketer);
  fields = {
    name: segment.name,
    purposeStatement: "Send the spring newsletter to readers who open it.",
    businessGoal: "retention",
    declaredPurposeIds: [emailPurposeId],
    channels: ["email"],
    definition: { type: "group", combinator: "and", children: [{ type: "condition", signalId: signal.id, operator: "gte", value: 2 }] },
    refreshCadence: "daily",
    lookbackDays: 90,
    minCohortSize: 100,
    rationale: {
      assumptions: "Readers who opened twice want more.",
      limitations: "Opens are undercounted when images are blocked.",
      expectedOutcomes: "Higher click rate than the full list.",
    },
  };
  segment.id = (await mutate<{ id: string }>(marketerPage.request, "segments.create", { key: segment.key, ...fields })).id;
  // No purpose statement, rationale or cadence: the checks that run on submit block it.
  undocumented.id = (
    await mutate<{ id: string }>(marketerPage.request, "segments.create", {
      key: undocumented.key,
      name: undocumented.name,
      businessGoal: "activation",
      declaredPurposeIds: [emailPurposeId],
      channels: ["email"],
      definition: fields.definition,
      minCohortSize: 100,
    })
  ).id;
  const created = await query<{ findings: unknown[]; sensitivity: string; status: string }>(marketerPage.request, "segments.byId", { id: segment.id });
  expect(created.findings).toEqual([]);
  expect(created.sensitivity).toBe("confidential");
  expect(created.status).toBe("draft");
  await marketerPage.context().close();
});

test("submitting a segment with blocking findings is refused, with the reason next to the button", async ({ browser }) => {
  const page = await signedIn(browser, marketer);
  await page.goto(`/catalog/segments/${undocumented.id}`);
  const actions = page.getByTestId("segment-review-actions");
  await actions.getByRole("button", { name: "Submit for approval" }).click();
  await actions.getByLabel("Justification").fill("We would like to try this audience next week.");
  await actions.getByRole("button", { name: "Submit for approval" }).click();
  await expect(actions.getByTestId("submit-error")).toContainText("This segment cannot be submitted yet.");
  await expect(actions.getByTestId("submit-error")).toContainText("blocking finding");
  await expect(actions.getByTestId("lifecycle-status")).toHaveText("Draft");
  await expectAccessible(page);
  await screenshot(page, "segment-submit-refused");
  await page.context().close();
});

test("a marketer submits the segment from its page, sees no approve button on their own request, and the API refuses with 403", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, marketer);
  await page.goto(`/catalog/segments/${segment.id}`);
  const actions = page.getByTestId("segment-review-actions");
  await expect(actions.getByTestId("lifecycle-status")).toHaveText("Draft");
  await actions.getByRole("button", { name: "Submit for approval" }).click();

  // Too short a justification is caught before anything is sent.
  await actions.getByLabel("Justification").fill("Because");
  await actions.getByRole("button", { name: "Submit for approval" }).click();
  await expect(actions.getByText("Explain why (at least 10 characters).")).toBeVisible();
  await actions.getByLabel("Justification").fill(justification);
  await actions.getByRole("button", { name: "Submit for approval" }).click();

  const open = actions.getByTestId("open-requests");
  await expect(open).toContainText("waiting for 1 data steward, 1 privacy officer");
  await expect(actions.getByTestId("lifecycle-status")).toHaveText("In review");
  await expect(actions.getByRole("button", { name: "Submit for approval" })).toHaveCount(0);
  await expect(actions.getByTestId("confirmation")).toContainText(`Version 1 of “${segment.name}” is submitted for approval.`);
  await expect(actions.getByTestId("confirmation").getByRole("link", { name: "Open the review request" })).toHaveAttribute("href", /^\/reviews\/[0-9a-f-]{36}$/);
  await screenshot(page, "segment-submitted");

  await open.getByRole("link", { name: "Segment approval of version 1" }).click();
  await expect(page).toHaveURL(/\/reviews\/[0-9a-f-]{36}$/);
  requestId = page.url().split("/reviews/")[1]!;
  await expect(page.getByRole("heading", { name: segment.name, level: 1 })).toBeVisible();
  await expect(page.getByTestId("justification")).toHaveText(justification);
  await expect(page.getByTestId("first-approval")).toHaveText("First approval — no version in force yet.");
  await expect(page.getByTestId("segment-summary")).toContainText("Send the spring newsletter to readers who open it.");
  await expect(page.getByTestId("no-findings")).toBeVisible();
  await expect(page.getByTestId("progress-steward")).toContainText("0/1");
  await expect(page.getByTestId("progress-privacy_officer")).toContainText("0/1");
  await expect(page.getByTestId("request-state")).toHaveText("Waiting for 1 data steward, 1 privacy officer.");
  // Four-eyes: the requester is never offered a decision…
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Reject" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Withdraw…" })).toBeVisible();
  await atWidths(page, "review-request-requester");

  // …and the server refuses a decision sent straight to the API.
  const res = await page.request.post("/api/trpc/reviews.decide", { data: { json: { requestId, decision: "approve", comment: "" } } });
  expect(res.status()).toBe(403);

  await page.goto("/reviews?queue=mine");
  await expect(page.getByRole("link", { name: "My requests" })).toHaveAttribute("aria-current", "page");
  const row = page.getByTestId(`review-row-${requestId}`);
  await expect(row).toContainText("Segment approval");
  await expect(row).toContainText("Open");
  await expect(row).toContainText("Confidential");
  await expect(row).toContainText("1 data steward, 1 privacy officer");
  // Their own request never waits for their own review.
  await page.getByRole("link", { name: "Awaiting my review" }).click();
  await expect(page).toHaveURL(/queue=awaiting_me/);
  await expect(page.getByTestId(`review-row-${requestId}`)).toHaveCount(0);
  await page.context().close();
});

test("a data steward finds it awaiting their review, comments and approves", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, steward);
  await expect(page.getByRole("navigation", { name: "Main" }).getByTestId("reviews-nav-badge")).toHaveText(/^\d+, \d+ awaiting your review$/);

  await page.goto("/reviews");
  await expect(page.getByRole("link", { name: "Awaiting my review" })).toHaveAttribute("aria-current", "page");
  const row = page.getByTestId(`review-row-${requestId}`);
  await expect(row).toContainText(marketer.name);
  await expect(row).toContainText("1 data steward, 1 privacy officer");
  await page.getByLabel("Type", { exact: true }).selectOption("segment_approval");
  await expect(page).toHaveURL(/type=segment_approval/);
  await expect(row).toBeVisible();
  await atWidths(page, "reviews-awaiting");

  await row.getByRole("link", { name: segment.name }).click();
  await expect(page).toHaveURL(new RegExp(`/reviews/${requestId}$`));
  await page.getByRole("form", { name: "Add a comment" }).getByLabel("Comment").fill("Opens come from the ESP and are reliable.");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByTestId("comments")).toContainText("Opens come from the ESP and are reliable.");
  await atWidths(page, "review-request-reviewer");

  await page.getByLabel("Comment (optional)").fill("Data quality is fine.");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("decided")).toContainText("Your approval is recorded; the request waits for the other approvals it needs.");
  await expect(page.getByTestId("progress-steward")).toContainText("1/1");
  await expect(page.getByTestId("request-state")).toHaveText("Waiting for 1 privacy officer.");
  const decision = page.getByTestId("decisions").getByRole("listitem").filter({ hasText: steward.name });
  await expect(decision).toContainText("Data steward");
  await expect(decision).toContainText("Approved");
  await expect(page.getByTestId("decisions")).toContainText("Data quality is fine.");
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(page.getByTestId("cannot-decide")).toHaveText("You have already decided on this request; each person counts once.");
  await page.context().close();
});

test("a privacy officer approves; the version is approved", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, officer);
  await page.goto("/reviews");
  const row = page.getByTestId(`review-row-${requestId}`);
  await expect(row).toContainText("1 privacy officer");
  await row.getByRole("link", { name: segment.name }).click();
  await expect(page.getByTestId("progress-steward")).toContainText("1/1");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("request-badges")).toContainText("Approved");
  await expect(page.getByTestId("request-state")).toHaveText("This request is closed: approved.");
  await expect(page.getByTestId("decided")).toContainText(`Your approval is recorded: version 1 of “${segment.name}” is approved.`);
  await expect(page.getByTestId("decided").getByRole("link", { name: `Open “${segment.name}”` })).toHaveAttribute("href", `/catalog/segments/${segment.id}`);
  await expect(page.getByTestId("progress-privacy_officer")).toContainText("1/1");
  await atWidths(page, "review-request-approved");

  await page.goto("/reviews?queue=all&status=approved");
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("approved");
  await expect(page.getByTestId(`review-row-${requestId}`)).toContainText("Approved");
  await page.context().close();
});

test("the marketer is notified, and activates the approved segment", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await signedIn(browser, marketer);
  const bell = page.getByRole("button", { name: /^Notifications, [1-9]\d* unread$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  const panel = page.getByRole("region", { name: "Notifications" });
  await expect(panel.getByRole("link", { name: new RegExp(`Segment approval approved: ${segment.name}`) })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "notifications-open");
  await atPhoneWidth(page, async () => {
    await expectAccessible(page);
    await screenshot(page, "notifications-open");
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  });
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(bell).toBeFocused();

  // The decision opens the segment, where the next step is offered, not only the review.
  await bell.click();
  await panel.getByRole("link", { name: new RegExp(`Segment approval approved: ${segment.name}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/segments/${segment.id}$`));
  const actions = page.getByTestId("segment-review-actions");
  await expect(actions.getByTestId("lifecycle-status")).toHaveText("Approved");
  await expect(actions).toContainText("Version 1 is approved and in force.");
  await actions.getByRole("button", { name: "Activate" }).click();
  await expect(actions.getByTestId("lifecycle-status")).toHaveText("Active");
  const confirmation = actions.getByTestId("confirmation");
  await expect(confirmation).toContainText(`“${segment.name}” is active: tools may use it now.`);
  await expect(confirmation.getByRole("link", { name: "See what tools are told" })).toHaveAttribute("href", "#activation-gate");
  await expect(actions.getByRole("button", { name: "Pause" })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Activate" })).toHaveCount(0);
  await atWidths(page, "segment-active");

  // A pause can be taken back for a minute, by whoever paused.
  await actions.getByRole("button", { name: "Pause" }).click();
  await expect(actions.getByTestId("lifecycle-status")).toHaveText("Paused");
  await expect(confirmation).toContainText(`“${segment.name}” is paused`);
  await screenshot(page, "segment-paused-confirmation"); // quick: the server allows the undo for a minute
  await confirmation.getByRole("button", { name: "Undo pause" }).click();
  await expect(actions.getByTestId("lifecycle-status")).toHaveText("Active");
  await expect(confirmation).toContainText(`The pause is undone: “${segment.name}” is active again.`);
  await expect(confirmation.getByRole("button", { name: "Undo pause" })).toHaveCount(0);
  await atWidths(page, "segment-pause-undone");

  await page.getByRole("button", { name: /^Notifications, \d+ unread$/ }).click();
  await panel.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByRole("button", { name: "Notifications, 0 unread" })).toBeVisible();

  // A segment that does not exist says so, with nothing to try again; an unknown address gets the styled 404.
  await page.goto("/catalog/segments/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "Segment not found", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByTestId("not-found").getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /^\/icon\.svg/);
  await atWidths(page, "not-found");
  await page.context().close();
});

test("a change to the active segment is reviewed as a field-level diff against the version in force", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, marketer);
  await mutate(page.request, "segments.update", {
    ...fields,
    id: segment.id,
    baseVersion: 1,
    minCohortSize: 250,
    purposeStatement: "Send the spring and summer newsletters to readers who open them.",
  });
  await page.goto(`/catalog/segments/${segment.id}`);
  const actions = page.getByTestId("segment-review-actions");
  await expect(actions).toContainText("Version 2 is a draft; the approved version stays in force until it is approved.");
  await expect(actions.getByTestId("lifecycle-status")).toHaveText("Active");
  await actions.getByRole("button", { name: "Submit for approval" }).click();
  await actions.getByLabel("Justification").fill("Extend the audience to the summer issue as well.");
  await actions.getByRole("button", { name: "Submit for approval" }).click();
  await actions.getByRole("link", { name: "Segment approval of version 2" }).click();
  const version = page.getByTestId("version-card");
  await expect(page.getByRole("heading", { name: "Version 2 under review", level: 2 })).toBeVisible();
  await expect(version).toContainText("Compared with version 1, which is in force until this one is approved.");
  await expect(version.getByTestId("diff-minCohortSize")).toContainText("100");
  await expect(version.getByTestId("diff-minCohortSize")).toContainText("250");
  await expect(version.getByTestId("diff-purposeStatement")).toContainText("spring and summer");
  await expect(version.getByTestId("diff-channels")).toHaveCount(0);
  await atWidths(page, "review-request-diff");
  await atPhoneWidth(page, () => expect(version.getByTestId("diff-stacked-minCohortSize")).toContainText("Under review (version 2): 250"));
  await page.context().close();
});

test("an admin runs the scheduled checks from the reviews page", async ({ browser }) => {
  const page = await signedIn(browser, admin);
  await page.goto("/reviews?queue=all");
  await page.getByRole("button", { name: "Run scheduled checks now" }).click();
  await expect(page.getByTestId("scheduled-result")).toHaveText(/^Done: \d+ re-certifications? opened, \d+ segments? paused, \d+ requests? expired, \d+ withdrawal spikes? raised\.$/);
  await page.context().close();
});
