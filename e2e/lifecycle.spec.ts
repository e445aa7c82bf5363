import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signedIn } from "./support/auth";
import { mutate, query } from "./support/trpc";
import { createPerson } from "./support/people";

// Each role, on one segment in each status: the page offers exactly what the server's lifecycle
// table allows (segments.byId's `can`), and every action offered succeeds when taken.
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const admin = { name: "Ada Admin", email: "ada@example.test", password: "ada admin passphrase" };
const person = (key: string, name: string, roles: string[]) => ({ name: `${name} ${run}`, email: `lc.${key}.${run}@example.test`, password: `${key} lifecycle passphrase`, roles });
const owner = person("owner", "Olive Owner", ["marketer"]);
const people = {
  owner,
  otherMarketer: person("other", "Otto Marketer", ["marketer"]),
  steward: person("steward", "Stella Steward", ["steward"]),
  officer: person("officer", "Priya Officer", ["privacy_officer"]),
  auditor: person("auditor", "Aldo Auditor", ["auditor"]),
  admin,
};
type Who = keyof typeof people;

const STATUSES = ["draft", "in_review", "approved", "active", "paused", "retired"] as const;
type Status = (typeof STATUSES)[number];
const STATUS_LABEL: Record<Status, string> = { draft: "Draft", in_review: "In review", approved: "Approved", active: "Active", paused: "Paused", retired: "Retired" };
const ACTIONS = ["edit", "submit", "withdraw", "activate", "pause", "retire"] as const;
type Action = (typeof ACTIONS)[number];
type Verdict = { allowed: true } | { allowed: false; code: string; reason: string };

let ownerApi: APIRequestContext;
let stewardApi: APIRequestContext;
const closers: Array<() => Promise<void>> = [];
let fields: Record<string, unknown> = {};
let n = 0;
const justification = `Lifecycle check ${run}: a consented audience of engaged readers.`;
/** (status, action) pairs already taken through the page by an earlier role. */
const taken = new Set<string>();
/** One segment per status that no test changes: the one every role looks at. */
const shown = {} as Record<Status, string>;

/** A new segment of the owner's, brought to `status` through the API. */
async function segmentIn(status: Status): Promise<string> {
  const { id } = await mutate<{ id: string }>(ownerApi, "segments.create", { key: `lc_${status}_${run}_${n++}`, ...fields, name: `Lifecycle ${status} ${run} ${n}` });
  if (status === "draft") return id;
  if (status === "retired") {
    await mutate(stewardApi, "lifecycle.retire", { segmentId: id, reason: "Set up retired" });
    return id;
  }
  const request = await mutate<{ id: string }>(ownerApi, "reviews.submitSegment", { segmentId: id, justification });
  if (status === "in_review") return id;
  await mutate(stewardApi, "reviews.decide", { requestId: request.id, decision: "approve", comment: "" });
  if (status === "approved") return id;
  await mutate(ownerApi, "lifecycle.activate", { segmentId: id });
  if (status === "active") return id;
  await mutate(ownerApi, "lifecycle.pause", { segmentId: id });
  return id;
}

test.beforeAll(async ({ browser, request }) => {
  test.setTimeout(240_000);
  const { needsSetup } = await query<{ needsSetup: boolean }>(request, "setup.status");
  if (needsSetup) await mutate(request, "setup.createFirstAdmin", admin);
  const adminPage = await signedIn(browser, admin);
  for (const who of ["owner", "otherMarketer", "steward", "officer", "auditor"] as const) await createPerson(adminPage.request, people[who]);
  await adminPage.context().close();

  const stewardPage = await signedIn(browser, people.steward);
  const ownerPage = await signedIn(browser, owner);
  closers.push(
    () => stewardPage.context().close(),
    () => ownerPage.context().close(),
  );
  stewardApi = stewardPage.request;
  ownerApi = ownerPage.request;
  const purposes = await query<Array<{ id: string; key: string }>>(stewardApi, "purposes.list", { includeRetired: false });
  const categories = await query<Array<{ id: string; key: string }>>(stewardApi, "categories.list", { includeRetired: false });
  const emailPurposeId = purposes.find((p) => p.key === "marketing.email")!.id;
  const source = await mutate<{ id: string }>(stewardApi, "sources.create", {
    key: `lc_esp_${run}`,
    name: `Lifecycle ESP ${run}`,
    systemType: "email_service",
    owner: "CRM team",
    jurisdictions: ["UK"],
    retentionDays: 730,
    encryptedInTransit: true,
    encryptedAtRest: true,
    pseudonymised: false,
    consentCapturePoints: ["preference_centre"],
  });
  // Engagement data is internal: one steward's approval is enough.
  const signal = await mutate<{ id: string }>(stewardApi, "signals.create", {
    key: `lc_opens_${run}`,
    name: `Lifecycle opens ${run}`,
    sourceId: source.id,
    categoryId: categories.find((c) => c.key === "user.behavior.email_engagement")!.id,
    kind: "behavioural",
    fidelity: "confirmed",
    identifiability: "identified",
    valueType: "number",
    retentionDays: 730,
    consents: [{ purposeId: emailPurposeId, lawfulBasis: "consent" }],
  });
  fields = {
    purposeStatement: "Send the newsletter to readers who open it.",
    businessGoal: "retention",
    declaredPurposeIds: [emailPurposeId],
    channels: ["email"],
    definition: { type: "group", combinator: "and", children: [{ type: "condition", signalId: signal.id, operator: "gte", value: 2 }] },
    refreshCadence: "daily",
    lookbackDays: 90,
    minCohortSize: 100,
    rationale: { assumptions: "Openers want more.", limitations: "Opens are undercounted.", expectedOutcomes: "More clicks." },
  };
  for (const status of STATUSES) shown[status] = await segmentIn(status);
});

test.afterAll(async () => {
  for (const close of closers) await close();
});

/** The lifecycle actions the segment page offers, once it shows the segment's status. */
async function offered(page: Page, status: Status): Promise<Action[]> {
  const actions = page.getByTestId("segment-review-actions");
  // Visible, not only present: React streams the page in and reveals it in batches, and role
  // queries below skip what is still hidden.
  await expect(actions.getByTestId("lifecycle-status")).toBeVisible();
  await expect(actions.getByTestId("lifecycle-status")).toHaveText(STATUS_LABEL[status]);
  const count = {
    edit: page.getByRole("link", { name: "Edit", exact: true }),
    submit: actions.getByRole("button", { name: "Submit for approval", exact: true }),
    withdraw: actions.getByRole("button", { name: "Withdraw…", exact: true }),
    activate: actions.getByRole("button", { name: "Activate", exact: true }),
    pause: actions.getByRole("button", { name: "Pause", exact: true }),
    retire: actions.getByRole("button", { name: "Retire…", exact: true }),
  };
  const out: Action[] = [];
  for (const a of ACTIONS) if ((await count[a].count()) > 0) out.push(a);
  return out;
}

/** Takes one offered action through the page and waits for what the user sees when it worked. */
async function take(page: Page, action: Action, status: Status) {
  const actions = page.getByTestId("segment-review-actions");
  const statusShown = actions.getByTestId("lifecycle-status");
  switch (action) {
    case "edit":
      await page.getByRole("link", { name: "Edit", exact: true }).click();
      await expect(page.getByRole("button", { name: "Save changes" })).toBeVisible();
      await expect(page.getByTestId("cannot-edit")).toHaveCount(0);
      return;
    case "submit":
      await actions.getByRole("button", { name: "Submit for approval" }).click();
      await actions.getByLabel("Justification").fill(justification);
      await actions.getByRole("button", { name: "Submit for approval" }).click();
      await expect(actions.getByTestId("open-requests")).toBeVisible();
      await expect(statusShown).toHaveText(status === "draft" ? "In review" : STATUS_LABEL[status]);
      return;
    case "withdraw":
      await actions.getByRole("button", { name: "Withdraw…" }).click();
      await actions.getByRole("button", { name: "Withdraw request" }).click();
      await expect(statusShown).toHaveText("Draft");
      return;
    case "activate":
      await actions.getByRole("button", { name: "Activate", exact: true }).click();
      await expect(statusShown).toHaveText("Active");
      return;
    case "pause":
      await actions.getByRole("button", { name: "Pause", exact: true }).click();
      await expect(statusShown).toHaveText("Paused");
      return;
    case "retire":
      await actions.getByRole("button", { name: "Retire…" }).click();
      await actions.getByLabel("Reason for retiring").fill("Campaign over");
      await actions.getByRole("button", { name: "Retire segment" }).click();
      await expect(statusShown).toHaveText("Retired");
      return;
  }
}

for (const who of Object.keys(people) as Who[]) {
  test(`as ${who}: every status offers exactly what the server allows, and each action no earlier role took works`, async ({ browser }) => {
    test.setTimeout(600_000);
    const page = await signedIn(browser, people[who]);
    const toTake: Array<[Status, Action]> = [];
    for (const status of STATUSES) {
      await page.goto(`/catalog/segments/${shown[status]}`);
      const seen = await offered(page, status);
      const { can } = await query<{ can: Record<Action, Verdict> }>(page.request, "segments.byId", { id: shown[status] });
      const allowed = ACTIONS.filter((a) => can[a].allowed);
      expect(seen, `${who} on a ${status} segment`).toEqual(allowed);
      for (const a of seen) toTake.push([status, a]);
    }
    // Taken on fresh segments in the same status, so the ones above stay as they are (opening the
    // editor changes nothing, so that one is checked on the segment already shown). Each (status,
    // action) is taken once, by the first role offered it: the page and the procedure behind an
    // action are the same whoever clicks, and which roles the server lets take it is checked for
    // every role above and, for every procedure, by the authorization matrix test.
    for (const [status, action] of toTake) {
      if (taken.has(`${status}:${action}`)) continue;
      taken.add(`${status}:${action}`);
      const id = action === "edit" ? shown[status] : await segmentIn(status);
      await page.goto(`/catalog/segments/${id}`);
      expect(await offered(page, status)).toContain(action);
      await take(page, action, status);
    }
    await page.context().close();
  });
}
