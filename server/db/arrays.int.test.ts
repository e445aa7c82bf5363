import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/server/testing/db";
import { rowsOf } from "./rows";
import { intArray, textArray, uuidArray } from "./arrays";

describeEachDb("array parameters", (getDb) => {
  it("round-trip ids, numbers and any text, and an empty array", async () => {
    const texts = ["plain", 'with "quotes"', "back\\slash", "comma, and {braces}", "", "NULL", "ünïcødé"];
    const ids = ["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"];
    const [row] = rowsOf<{ t: string[]; u: string[]; i: number[]; e: string[] }>(
      await getDb().execute(sql`SELECT ${textArray(texts)} AS t, ${uuidArray(ids)} AS u, ${intArray([3, -1, 0])} AS i, ${uuidArray([])} AS e`),
    );
    expect(row).toEqual({ t: texts, u: ids, i: [3, -1, 0], e: [] });
  });
});
