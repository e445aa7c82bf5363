import { describe, expect, it } from "vitest";
import { filterField, filterFields, flag, id, isUuid, listInput, listState, many, oneOf, page, paramsOf, searchableList, sortOf, sortOptions, text } from "./list-state";

const SORTS = { "name-asc": {}, "name-desc": {}, "updated-desc": {} };
const list = listState({
  q: text(20),
  status: many(["draft", "active", "retired"] as const),
  kind: oneOf(["event", "attribute"] as const),
  owner: id(),
  retired: flag(),
  sort: sortOf(SORTS, "name-asc"),
  page: page(),
});
const OWNER = "3f2b8a1c-6d4e-4f7a-9b0c-1d2e3f4a5b6c";
const read = (qs: string) => list.read(new URLSearchParams(qs));

describe("list state in the URL", () => {
  it("the plain list has an empty query string and reads back as the defaults", () => {
    expect(list.empty).toEqual({ q: "", status: [], kind: "", owner: "", retired: false, sort: "name-asc", page: 1 });
    expect(list.toQueryString(list.empty)).toBe("");
    expect(read("")).toEqual(list.empty);
  });

  it("writes every non-default value under its own name, in declaration order, and reads it back", () => {
    const state = { q: "loyal", status: ["draft" as const, "active" as const], kind: "event" as const, owner: OWNER, retired: true, sort: "updated-desc" as const, page: 3 };
    const qs = list.toQueryString(state);
    expect(qs).toBe(`q=loyal&status=draft&status=active&kind=event&owner=${OWNER}&retired=1&sort=updated-desc&page=3`);
    expect(read(qs)).toEqual(state);
  });

  it("leaves defaults out: the first page and the default sort are not written", () => {
    expect(list.toQueryString({ ...list.empty, kind: "attribute", sort: "name-asc", page: 1 })).toBe("kind=attribute");
  });

  it("ignores what an edited link gets wrong instead of sending it to the server", () => {
    expect(read("status=draft&status=bogus&status=draft&kind=nope&owner=not-a-uuid&retired=yes&sort=random&page=-2")).toEqual({
      ...list.empty,
      status: ["draft"],
    });
    expect(read("page=2.5").page).toBe(1);
    expect(read("page=0").page).toBe(1);
  });

  it("trims and caps free text, and writes it trimmed", () => {
    expect(read(`q=${encodeURIComponent("  spring sale  ")}`).q).toBe("spring sale");
    expect(read(`q=${"x".repeat(30)}`).q).toHaveLength(20);
    expect(list.toQueryString({ ...list.empty, q: "  a b " })).toBe("q=a+b");
    expect(list.toQueryString({ ...list.empty, q: "   " })).toBe("");
  });

  it("counts filters but not sort or page", () => {
    expect(list.hasFilters({ ...list.empty, sort: "name-desc", page: 4 })).toBe(false);
    expect(list.hasFilters({ ...list.empty, retired: true })).toBe(true);
    expect(list.hasFilters({ ...list.empty, status: ["retired"] })).toBe(true);
  });

  it("reads a server page's searchParams the same way as the browser's", () => {
    const fromServer = list.read(paramsOf({ status: ["draft", "active"], owner: OWNER, page: "2", unknown: "x" }));
    expect(fromServer).toEqual(read(`status=draft&status=active&owner=${OWNER}&page=2`));
  });

  it("checks ids as the server's z.uuid() does", () => {
    expect(isUuid(OWNER)).toBe(true);
    expect(isUuid(OWNER.toUpperCase())).toBe(true);
    expect(isUuid("3f2b8a1c-6d4e-4f7a-9b0c")).toBe(false);
    expect(isUuid(undefined)).toBe(false);
  });

  it("splits each sort key into the field and direction the list query takes", () => {
    expect(sortOptions({ "name-asc": "Name, A–Z", "last_seen-desc": "Recently seen" })).toEqual({
      "name-asc": { sort: "name", dir: "asc", label: "Name, A–Z" },
      "last_seen-desc": { sort: "last_seen", dir: "desc", label: "Recently seen" },
    });
  });

  it("a searchable list puts the search box first and sort and page last", () => {
    const searchable = searchableList({ kind: oneOf(["event", "attribute"] as const) }, SORTS, "name-desc");
    expect(searchable.empty).toEqual({ q: "", kind: "", sort: "name-desc", page: 1 });
    expect(searchable.toQueryString({ q: "x", kind: "event", sort: "name-asc", page: 2 })).toBe("q=x&kind=event&sort=name-asc&page=2");
  });

  it("builds the query input: page and sort from the state, and only the filters that are set, under the API's names", () => {
    const sorts = sortOptions({ "name-asc": "Name", "updated-desc": "Recent" });
    const state = { q: "", status: ["draft" as const], kind: "" as const, owner: OWNER, retired: false, sort: "updated-desc" as const, page: 2 };
    expect(listInput(state, sorts, 25)).toEqual({ page: 2, pageSize: 25, sort: "updated", dir: "desc" });
    expect(filterFields(state, { q: "q", status: "status", kind: "kind", owner: "ownerId" })).toEqual({ status: ["draft"], ownerId: OWNER });
    expect(filterFields({ ...state, status: [], owner: "" }, { q: "q", status: "status", owner: "ownerId" })).toEqual({});
  });

  it("binds a filter field to one key of the state: its name, its value, and a patch of that key alone", () => {
    const patches: unknown[] = [];
    const field = filterField({ kind: "event", owner: "" }, (patch) => patches.push(patch))("kind");
    expect(field.name).toBe("kind");
    expect(field.value).toBe("event");
    field.onChange("attribute");
    expect(patches).toEqual([{ kind: "attribute" }]);
  });
});
