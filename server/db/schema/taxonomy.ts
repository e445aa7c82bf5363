import { boolean, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { LAWFUL_BASES, SENSITIVITIES } from "../../../domain/vocab";
import { retirable, timestamps } from "../columns";

export const lawfulBasisEnum = pgEnum("lawful_basis", LAWFUL_BASES);

/** Ordered tiers; the enum order (SENSITIVITIES') is the order used by `max()` and comparisons. */
export const sensitivityEnum = pgEnum("sensitivity", SENSITIVITIES);

export const consentPurposes = pgTable(
  "consent_purposes",
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    allowedLawfulBases: lawfulBasisEnum().array().notNull(),
    /** IAB TCF v2.2 purpose number, for the purposes that come from the TCF. */
    tcfPurposeId: integer(),
    ...retirable,
    ...timestamps,
  },
  (t) => [uniqueIndex().on(t.key)],
);

export const dataCategories = pgTable(
  "data_categories",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Dotted key, aligned with fideslang where a key exists there (e.g. user.contact.email). */
    key: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    parentId: uuid().references((): AnyPgColumn => dataCategories.id),
    defaultSensitivity: sensitivityEnum().notNull(),
    isSpecialCategory: boolean().notNull().default(false),
    ...retirable,
    ...timestamps,
  },
  (t) => [uniqueIndex().on(t.key), index().on(t.parentId)],
);
