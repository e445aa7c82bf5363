import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { consentPurposes, dataCategories } from "./schema";
import { inTransaction } from "@/server/db/transaction";

type LawfulBasis = "consent" | "legitimate_interest" | "contract" | "legal_obligation";
type Sensitivity = "public" | "internal" | "confidential" | "restricted";

interface PurposeSeed {
  key: string;
  name: string;
  description: string;
  bases: LawfulBasis[];
  tcf?: number;
}

const CL: LawfulBasis[] = ["consent", "legitimate_interest"];

/** The eleven IAB TCF v2.2 purposes, then common marketing purposes outside the TCF. */
export const PURPOSE_SEEDS: PurposeSeed[] = [
  {
    tcf: 1,
    key: "tcf.store_access_device",
    name: "Store and/or access information on a device",
    bases: ["consent"],
    description: "Cookies, device or similar online identifiers, together with other information, can be stored or read on a device to recognise it each time it connects.",
  },
  {
    tcf: 2,
    key: "tcf.limited_data_ads",
    name: "Use limited data to select advertising",
    bases: CL,
    description: "Advertising presented can be based on limited data, such as the website or app being used, non-precise location, device type or which content is being interacted with.",
  },
  {
    tcf: 3,
    key: "tcf.create_ad_profiles",
    name: "Create profiles for personalised advertising",
    bases: ["consent"],
    description: "Information about activity (forms submitted, content looked at) can be stored and combined with other information to build a profile for personalised advertising.",
  },
  {
    tcf: 4,
    key: "tcf.use_ad_profiles",
    name: "Use profiles to select personalised advertising",
    bases: ["consent"],
    description: "Advertising presented can be based on a profile built from activity on this and other websites or apps.",
  },
  {
    tcf: 5,
    key: "tcf.create_content_profiles",
    name: "Create profiles to personalise content",
    bases: ["consent"],
    description: "Information about activity can be stored and combined with other information to build a profile used to personalise content.",
  },
  {
    tcf: 6,
    key: "tcf.use_content_profiles",
    name: "Use profiles to select personalised content",
    bases: ["consent"],
    description: "Content presented can be based on a profile built from activity on this and other websites or apps.",
  },
  {
    tcf: 7,
    key: "tcf.measure_ad_performance",
    name: "Measure advertising performance",
    bases: CL,
    description: "Information regarding which advertising is presented and how people interact with it can be used to measure how well an advert worked.",
  },
  {
    tcf: 8,
    key: "tcf.measure_content_performance",
    name: "Measure content performance",
    bases: CL,
    description: "Information regarding which content is presented and how people interact with it can be used to measure whether it reached its audience.",
  },
  {
    tcf: 9,
    key: "tcf.market_research",
    name: "Understand audiences through statistics or combinations of data from different sources",
    bases: CL,
    description: "Reports can be generated from combined interaction data to identify common characteristics of audiences.",
  },
  {
    tcf: 10,
    key: "tcf.develop_improve_services",
    name: "Develop and improve services",
    bases: CL,
    description: "Information about activity can be used to improve products and services and to build new ones.",
  },
  {
    tcf: 11,
    key: "tcf.limited_data_content",
    name: "Use limited data to select content",
    bases: CL,
    description: "Content presented can be based on limited data, such as the website or app being used, non-precise location, device type or which content is being interacted with.",
  },
  {
    key: "marketing.email",
    name: "Email marketing",
    bases: ["consent", "legitimate_interest"],
    description: "Sending promotional emails and newsletters. Soft opt-in under legitimate interest applies only to existing customers for similar products.",
  },
  { key: "marketing.sms", name: "SMS marketing", bases: ["consent"], description: "Sending promotional text messages to a mobile number." },
  { key: "marketing.push", name: "Push notifications", bases: ["consent"], description: "Sending promotional push notifications to a mobile app or browser." },
  {
    key: "advertising.cross_context",
    name: "Cross-context behavioural advertising (sale or share)",
    bases: ["consent"],
    description: 'Sharing personal information with third parties for advertising based on activity across businesses, websites or apps (CCPA/CPRA "sale or share").',
  },
  {
    key: "analytics",
    name: "Analytics",
    bases: ["consent", "legitimate_interest"],
    description: "Measuring use of websites, apps and campaigns in aggregate to understand and improve them.",
  },
];

interface CategorySeed {
  key: string;
  name: string;
  sensitivity: Sensitivity;
  special?: boolean;
  description?: string;
}

/**
 * Personal data categories relevant to marketing. Keys follow fideslang where a key exists there;
 * the few marketing-specific leaves (e.g. email engagement, transactions) extend its branches.
 */
export const CATEGORY_SEEDS: CategorySeed[] = [
  { key: "user", name: "User data", sensitivity: "internal", description: "Data related to a person, provided directly or derived from their use of a service." },
  { key: "user.account", name: "Account information", sensitivity: "internal" },
  { key: "user.account.username", name: "Account username", sensitivity: "internal" },
  { key: "user.unique_id", name: "Unique ID", sensitivity: "internal", description: "Customer or loyalty number assigned by our systems." },
  { key: "user.name", name: "Name", sensitivity: "confidential" },
  { key: "user.contact", name: "Contact data", sensitivity: "confidential" },
  { key: "user.contact.email", name: "Email address", sensitivity: "confidential" },
  { key: "user.contact.phone_number", name: "Phone number", sensitivity: "confidential" },
  { key: "user.contact.address", name: "Postal address", sensitivity: "confidential" },
  { key: "user.contact.address.postal_code", name: "Postal code", sensitivity: "internal" },
  { key: "user.contact.address.city", name: "City", sensitivity: "internal" },
  { key: "user.contact.address.country", name: "Country", sensitivity: "internal" },
  { key: "user.demographic", name: "Demographic data", sensitivity: "confidential" },
  { key: "user.demographic.age_range", name: "Age range", sensitivity: "internal" },
  { key: "user.demographic.date_of_birth", name: "Date of birth", sensitivity: "confidential" },
  { key: "user.demographic.gender", name: "Gender", sensitivity: "confidential" },
  { key: "user.demographic.language", name: "Language", sensitivity: "internal" },
  { key: "user.demographic.profile", name: "Profile and preferences", sensitivity: "internal", description: "Declared interests, preferences and survey answers." },
  { key: "user.demographic.race_ethnicity", name: "Racial or ethnic origin", sensitivity: "restricted", special: true },
  { key: "user.demographic.political_opinion", name: "Political opinion", sensitivity: "restricted", special: true },
  { key: "user.demographic.religious_belief", name: "Religious belief", sensitivity: "restricted", special: true },
  { key: "user.demographic.sexual_orientation", name: "Sexual orientation", sensitivity: "restricted", special: true },
  { key: "user.demographic.union_membership", name: "Trade union membership", sensitivity: "restricted", special: true },
  { key: "user.behavior", name: "Observed behaviour", sensitivity: "internal" },
  { key: "user.behavior.browsing_history", name: "Browsing history", sensitivity: "confidential" },
  { key: "user.behavior.search_history", name: "Search history", sensitivity: "confidential" },
  { key: "user.behavior.purchase_history", name: "Purchase history", sensitivity: "confidential" },
  { key: "user.behavior.media_consumption", name: "Media consumption", sensitivity: "internal" },
  { key: "user.behavior.email_engagement", name: "Email engagement", sensitivity: "internal", description: "Opens, clicks and unsubscribes of marketing emails." },
  { key: "user.behavior.app_usage", name: "App usage", sensitivity: "internal", description: "Sessions, screens and feature use in the mobile app." },
  { key: "user.device", name: "Device data", sensitivity: "internal" },
  { key: "user.device.cookie_id", name: "Cookie ID", sensitivity: "internal" },
  { key: "user.device.device_id", name: "Device ID", sensitivity: "internal" },
  { key: "user.device.ip_address", name: "IP address", sensitivity: "confidential" },
  { key: "user.location", name: "Location data", sensitivity: "confidential" },
  { key: "user.location.coarse", name: "Coarse location", sensitivity: "internal", description: "City or region level location." },
  {
    key: "user.location.precise",
    name: "Precise geolocation",
    sensitivity: "restricted",
    special: true,
    description: "Location precise enough to identify a street or building (e.g. GPS).",
  },
  { key: "user.financial", name: "Financial data", sensitivity: "confidential" },
  { key: "user.financial.transactions", name: "Transactions", sensitivity: "confidential", description: "Orders, baskets and spend." },
  { key: "user.financial.credit_card", name: "Payment card", sensitivity: "restricted" },
  { key: "user.payment", name: "Payment data", sensitivity: "confidential" },
  { key: "user.health", name: "Health data", sensitivity: "restricted", special: true },
  { key: "user.health.condition", name: "Health condition", sensitivity: "restricted", special: true },
  { key: "user.health.genetic", name: "Genetic data", sensitivity: "restricted", special: true },
  { key: "user.health.maternity_clothing", name: "Maternity purchases", sensitivity: "restricted", special: true, description: "Purchases that reveal a pregnancy." },
  { key: "user.biometrics", name: "Biometric data", sensitivity: "restricted", special: true },
  { key: "user.children", name: "Children's data", sensitivity: "restricted", special: true },
  { key: "user.children.children_under_thirteen", name: "Children under thirteen", sensitivity: "restricted", special: true },
  { key: "user.children.thirteen_to_sixteen", name: "Children thirteen to sixteen", sensitivity: "restricted", special: true },
  { key: "user.privacy_preferences", name: "Privacy preferences", sensitivity: "internal", description: "Consent and opt-out choices." },
  { key: "user.settings", name: "User settings", sensitivity: "internal" },
  { key: "user.social_activity", name: "Social activity", sensitivity: "internal" },
  { key: "user.content", name: "User content", sensitivity: "confidential", description: "Reviews, messages and uploads." },
];

/**
 * Inserts the standard purposes and categories that are missing. Idempotent, and never changes
 * an entry that exists: privacy officers' edits and retirements stand.
 */
export async function ensureReferenceData(db: Db): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx
      .insert(consentPurposes)
      .values(
        PURPOSE_SEEDS.map((p) => ({
          key: p.key,
          name: p.name,
          description: p.description,
          allowedLawfulBases: p.bases,
          tcfPurposeId: p.tcf ?? null,
        })),
      )
      .onConflictDoNothing({ target: consentPurposes.key });

    await tx
      .insert(dataCategories)
      .values(
        CATEGORY_SEEDS.map((c) => ({
          key: c.key,
          name: c.name,
          description: c.description ?? "",
          defaultSensitivity: c.sensitivity,
          isSpecialCategory: c.special ?? false,
        })),
      )
      .onConflictDoNothing({ target: dataCategories.key });

    // Parents follow from the dotted keys; only rows without a parent are linked.
    await tx.execute(sql`
      UPDATE data_categories c SET parent_id = p.id
      FROM data_categories p
      WHERE c.parent_id IS NULL
        AND position('.' in c.key) > 0
        AND p.key = regexp_replace(c.key, '\\.[^.]+$', '')`);
  });
}
