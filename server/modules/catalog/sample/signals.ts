import type { Fidelity, Identifiability, LawfulBasis, SignalKind, ValueType } from "@/domain/vocab";

/** A signal of the sample workspace; source, category and purposes are named by key. */
export interface SampleSignal {
  key: string;
  source: string;
  name: string;
  description: string;
  category: string;
  kind: SignalKind;
  fidelity: Fidelity;
  identifiability: Identifiability;
  valueType: ValueType;
  allowedValues?: string[];
  retentionDays: number;
  consents: ReadonlyArray<readonly [purposeKey: string, basis: LawfulBasis]>;
}

const C = (purpose: string) => [purpose, "consent"] as const;
const LI = (purpose: string) => [purpose, "legitimate_interest"] as const;

// Consent provenance as each system actually collects it. Every basis is one its purpose allows
// (SMS, push, sale/share and the profile purposes allow consent only); the services check that.

/** Loyalty sign-up: per-channel opt-ins and personalised offers; analytics and research under legitimate interest. */
const LOYALTY = [C("marketing.email"), C("marketing.sms"), C("marketing.push"), C("tcf.create_content_profiles"), C("tcf.use_content_profiles"), LI("analytics"), LI("tcf.market_research")];
/** The email platform: collected to send email marketing, and measured. Nothing else. */
const EMAIL = [C("marketing.email"), LI("analytics")];
/** Cookie banner with only the analytics toggle on. */
const WEB_ANALYTICS = [C("tcf.store_access_device"), C("analytics"), LI("tcf.measure_content_performance")];
/** Cookie banner with analytics and personalisation on. */
const WEB_PERSONAL = [...WEB_ANALYTICS, C("tcf.create_content_profiles"), C("tcf.use_content_profiles")];
/** What every page request carries: device, time, referrer. Usable for non-profiled ads and content. */
const WEB_CONTEXT = [C("tcf.store_access_device"), C("analytics"), LI("tcf.limited_data_ads"), LI("tcf.limited_data_content"), LI("tcf.measure_ad_performance")];
/** US visitors who accepted advertising cookies and did not opt out of sale or share (GPC honoured). */
const US_ADS = [C("tcf.store_access_device"), C("analytics"), C("tcf.create_ad_profiles"), C("tcf.use_ad_profiles"), C("advertising.cross_context"), LI("tcf.measure_ad_performance")];
/** The consent platform's own records: read to honour people's choices on every channel. */
const CHOICES = [C("marketing.email"), C("marketing.sms"), C("marketing.push"), C("advertising.cross_context"), C("tcf.use_ad_profiles"), C("tcf.use_content_profiles"), LI("analytics")];
/** NPS and lifestyle surveys promise research use only. */
const RESEARCH = [LI("tcf.market_research"), LI("tcf.develop_improve_services")];
/** The app, after the push permission prompt. */
const APP = [C("marketing.push"), C("analytics"), C("tcf.create_content_profiles"), C("tcf.use_content_profiles")];

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
export const STORES = ["Paris Rivoli", "Amsterdam Kalverstraat", "Berlin Mitte", "Dublin Grafton Street", "New York SoHo", "San Francisco Union Square", "Arlington Ballston", "Online only"];
export const DEPARTMENTS = ["Womenswear", "Menswear", "Kidswear", "Shoes", "Accessories", "Bed & bath", "Tableware", "Furniture", "Lighting"];
export const HOME_DEPARTMENTS = ["Bed & bath", "Tableware", "Furniture", "Lighting"];
export const TIERS = ["Member", "Silver", "Gold", "Platinum"];

type Common = Pick<SampleSignal, "source" | "retentionDays" | "identifiability">;
const crm: Common = { source: "loom_rewards_crm", retentionDays: 1095, identifiability: "identified" };
const pos: Common = { source: "store_pos", retentionDays: 1095, identifiability: "identified" };
const models: Common = { source: "customer_models", retentionDays: 730, identifiability: "pseudonymous" };
const esp: Common = { source: "email_platform", retentionDays: 730, identifiability: "identified" };
const webEu: Common = { source: "web_analytics_eu", retentionDays: 395, identifiability: "pseudonymous" };
const webUs: Common = { source: "web_analytics_us", retentionDays: 730, identifiability: "pseudonymous" };
const cmp: Common = { source: "consent_platform", retentionDays: 1095, identifiability: "identified" };
const survey: Common = { source: "survey_tool", retentionDays: 730, identifiability: "identified" };
const app: Common = { source: "mobile_app", retentionDays: 365, identifiability: "identified" };

export const SAMPLE_SIGNALS: SampleSignal[] = [
  // ---- Loom Rewards CRM
  { ...crm, key: "loyalty_tier", name: "Loom Rewards tier", description: "Current tier, recalculated on the first of each month from the last 12 months' spend.", category: "user.account", kind: "transactional", fidelity: "derived", valueType: "category", allowedValues: TIERS, consents: LOYALTY },
  { ...crm, key: "loyalty_joined_at", name: "Joined Loom Rewards", description: "When the member completed sign-up (in store, online or in the app).", category: "user.account", kind: "declared", fidelity: "confirmed", valueType: "timestamp", consents: LOYALTY },
  { ...crm, key: "loyalty_points_balance", name: "Points balance", description: "Unspent Loom Rewards points; 100 points make a €5 / $5 voucher.", category: "user.account", kind: "transactional", fidelity: "confirmed", valueType: "number", consents: LOYALTY },
  { ...crm, key: "preferred_store", name: "Preferred store", description: "The store the member picked at sign-up or in the preference centre.", category: "user.demographic.profile", kind: "declared", fidelity: "confirmed", valueType: "category", allowedValues: STORES, consents: LOYALTY },
  { ...crm, key: "home_country", name: "Home country", description: "Country of the member's postal address.", category: "user.contact.address.country", kind: "declared", fidelity: "confirmed", valueType: "category", allowedValues: ["France", "Netherlands", "Germany", "Ireland", "United Kingdom", "United States"], consents: LOYALTY },
  // Also used for catchment advertising without profiling, hence limited-data ads.
  { ...crm, key: "store_distance_km", name: "Distance to nearest store (km)", description: "Straight-line distance from the member's postcode centroid to the nearest open store.", category: "user.location.coarse", kind: "contextual", fidelity: "derived", valueType: "number", consents: [...LOYALTY, LI("tcf.limited_data_ads")] },
  { ...crm, key: "age_range", name: "Age range", description: "Age band the member ticked at sign-up (optional).", category: "user.demographic.age_range", kind: "declared", fidelity: "confirmed", valueType: "category", allowedValues: ["18–24", "25–34", "35–44", "45–54", "55–64", "65+"], consents: LOYALTY },
  { ...crm, key: "birthday_month", name: "Birthday month", description: "Month of birth, asked for the birthday treat; no day or year is stored.", category: "user.demographic.date_of_birth", kind: "declared", fidelity: "confirmed", valueType: "category", allowedValues: MONTHS, consents: LOYALTY },
  { ...crm, key: "shops_for", name: "Shops for", description: "Departments the member said they shop for, from the sign-up form.", category: "user.demographic.profile", kind: "declared", fidelity: "confirmed", valueType: "list", allowedValues: DEPARTMENTS, consents: LOYALTY },
  { ...crm, key: "preferred_language", name: "Preferred language", description: "Language for emails and the app.", category: "user.demographic.language", kind: "declared", fidelity: "confirmed", valueType: "category", allowedValues: ["English", "French", "Dutch", "German", "Spanish"], consents: LOYALTY },
  // CONSENT PROBLEM (deliberate): children's data. Parents give it for Kids' Club birthday emails,
  // but any segment using it trips the children's data check.
  { ...crm, key: "kids_club_child_birthday_month", name: "Kids' Club – child's birthday month", description: "Birthday month of each child a parent registered in Kids' Club (under 13).", category: "user.children.children_under_thirteen", kind: "declared", fidelity: "confirmed", valueType: "category", allowedValues: MONTHS, consents: [C("marketing.email"), C("tcf.use_content_profiles")] },
  { ...crm, key: "loyalty_opted_into_events", name: "Wants store event invitations", description: "Ticked “Invite me to store events and previews” in the preference centre.", category: "user.demographic.profile", kind: "declared", fidelity: "confirmed", valueType: "boolean", consents: LOYALTY },

  // ---- Store point of sale
  { ...pos, key: "store_purchases_90d", name: "Store purchases in last 90 days", description: "Till transactions with the loyalty card scanned, net of full returns.", category: "user.behavior.purchase_history", kind: "transactional", fidelity: "confirmed", valueType: "number", consents: LOYALTY },
  { ...pos, key: "store_spend_12m", name: "Store spend in last 12 months", description: "Net in-store spend in EUR (US stores converted at the monthly rate).", category: "user.financial.transactions", kind: "transactional", fidelity: "confirmed", valueType: "number", consents: LOYALTY },
  { ...pos, key: "last_store_visit_at", name: "Last store purchase", description: "Time of the most recent till transaction with the card scanned.", category: "user.behavior.purchase_history", kind: "behavioural", fidelity: "observed", valueType: "timestamp", consents: LOYALTY },
  // CONSENT PROBLEM (deliberate): special category (a purchase that reveals a pregnancy), collected
  // for analytics and research only. Marketing on it fails the purpose and special-category checks.
  { ...pos, key: "maternity_purchases_12m", name: "Maternity purchases in last 12 months", description: "Bought anything from the maternity range in the last 12 months.", category: "user.health.maternity_clothing", kind: "transactional", fidelity: "confirmed", valueType: "boolean", consents: [LI("analytics"), LI("tcf.market_research")] },
  { ...pos, key: "return_rate_12m", name: "Return rate (12 months, %)", description: "Share of items bought in the last 12 months that were returned, in store or by post.", category: "user.behavior.purchase_history", kind: "transactional", fidelity: "derived", valueType: "number", consents: LOYALTY },
  { ...pos, key: "payment_methods_12m", name: "Payment methods used", description: "How the member paid in the last 12 months.", category: "user.payment", kind: "transactional", fidelity: "observed", valueType: "list", allowedValues: ["Card", "Contactless", "Cash", "Gift card", "Buy now, pay later"], consents: LOYALTY },
  { ...pos, key: "basket_departments_12m", name: "Departments bought from (12 months)", description: "Departments with at least one purchased item in the last 12 months.", category: "user.behavior.purchase_history", kind: "transactional", fidelity: "confirmed", valueType: "list", allowedValues: DEPARTMENTS, consents: LOYALTY },
  { ...pos, key: "store_visit_daypart", name: "Usual time of store visit", description: "The part of the day in which most of the member's store purchases fall.", category: "user.behavior", kind: "contextual", fidelity: "derived", valueType: "category", allowedValues: ["Morning", "Lunchtime", "Afternoon", "Evening"], consents: LOYALTY },
  { ...pos, key: "click_collect_orders_12m", name: "Click & Collect orders (12 months)", description: "Online orders collected in store in the last 12 months.", category: "user.behavior.purchase_history", kind: "transactional", fidelity: "confirmed", valueType: "number", consents: LOYALTY },
  { ...pos, key: "gift_card_redeemed_12m", name: "Redeemed a gift card (12 months)", description: "Paid at least partly with a Lumen & Loom gift card in the last 12 months.", category: "user.financial.transactions", kind: "transactional", fidelity: "confirmed", valueType: "boolean", consents: LOYALTY },

  // ---- Customer models (warehouse); they inherit the loyalty provenance of their inputs
  { ...models, key: "orders_90d", name: "Orders in last 90 days", description: "Orders across stores, web and app in the last 90 days.", category: "user.behavior.purchase_history", kind: "behavioural", fidelity: "derived", valueType: "number", consents: LOYALTY },
  { ...models, key: "last_order_at", name: "Last order (any channel)", description: "Most recent order across stores, web and app.", category: "user.behavior.purchase_history", kind: "behavioural", fidelity: "derived", valueType: "timestamp", consents: LOYALTY },
  { ...models, key: "spend_12m", name: "Spend in last 12 months (all channels)", description: "Net spend across channels, in EUR.", category: "user.financial.transactions", kind: "behavioural", fidelity: "derived", valueType: "number", consents: LOYALTY },
  { ...models, key: "avg_order_value_12m", name: "Average order value (12 months)", description: "Net spend divided by orders over the last 12 months, in EUR.", category: "user.financial.transactions", kind: "transactional", fidelity: "derived", valueType: "number", consents: LOYALTY },
  { ...models, key: "rfm_segment", name: "RFM segment", description: "Recency, frequency and monetary value bucketed into the classic RFM groups.", category: "user.behavior.purchase_history", kind: "behavioural", fidelity: "derived", valueType: "category", allowedValues: ["Champions", "Loyal", "Potential loyalist", "At risk", "Hibernating", "Lost"], consents: LOYALTY },
  { ...models, key: "clv_band", name: "Predicted lifetime value band", description: "Predicted 3-year margin band from the lifetime value model (retrained quarterly).", category: "user.financial.transactions", kind: "behavioural", fidelity: "inferred", valueType: "category", allowedValues: ["Low", "Medium", "High", "Top"], consents: LOYALTY },
  { ...models, key: "churn_risk_score", name: "Churn risk score", description: "Probability (0–1) of no purchase in the next 180 days.", category: "user.behavior.purchase_history", kind: "behavioural", fidelity: "inferred", valueType: "number", consents: LOYALTY },
  { ...models, key: "category_affinity", name: "Department affinity", description: "Departments the model expects the member to buy from next, from purchases and browsing.", category: "user.behavior.purchase_history", kind: "behavioural", fidelity: "inferred", valueType: "list", allowedValues: DEPARTMENTS, consents: LOYALTY },
  { ...models, key: "predicted_life_stage", name: "Predicted life stage", description: "Life stage guessed from what people buy; never shown to customers.", category: "user.demographic.profile", kind: "behavioural", fidelity: "inferred", valueType: "category", allowedValues: ["Student", "Young professional", "Family", "Empty nester", "Retired"], consents: LOYALTY },
  { ...models, key: "discount_sensitivity", name: "Discount sensitivity", description: "How much of the member's spend happens in sales or with vouchers.", category: "user.behavior.purchase_history", kind: "behavioural", fidelity: "derived", valueType: "category", allowedValues: ["Low", "Medium", "High"], consents: LOYALTY },
  { ...models, key: "full_price_share_12m", name: "Full-price share of spend (12 months)", description: "Share (0–1) of spend on items bought at full price.", category: "user.financial.transactions", kind: "transactional", fidelity: "derived", valueType: "number", consents: LOYALTY },
  { ...models, key: "purchase_propensity_30d", name: "Purchase propensity (30 days)", description: "Probability (0–1) of an order in the next 30 days.", category: "user.behavior.purchase_history", kind: "behavioural", fidelity: "inferred", valueType: "number", consents: LOYALTY },
  { ...models, key: "gift_buyer_likelihood", name: "Gift buyer likelihood", description: "Probability (0–1) that the member buys gifts, from gift receipts and gift wrap at checkout.", category: "user.behavior.purchase_history", kind: "behavioural", fidelity: "inferred", valueType: "number", consents: LOYALTY },
  { ...models, key: "likely_home_mover", name: "Likely home mover", description: "Changed postal address in the last 6 months and started buying furniture.", category: "user.behavior.purchase_history", kind: "behavioural", fidelity: "inferred", valueType: "boolean", consents: LOYALTY },
  { ...models, key: "catchment_spend_index", name: "Store catchment spend index", description: "Average spend of members in the person's postcode area, indexed to 100 = national average. Never below 50 households.", category: "user.location.coarse", kind: "contextual", fidelity: "derived", identifiability: "aggregated", valueType: "number", consents: [LI("analytics"), LI("tcf.market_research"), LI("tcf.limited_data_ads")] },
  { ...models, key: "postcode_affluence_band", name: "Postcode affluence band", description: "Census-based affluence of the person's postcode area (aggregated, no household data).", category: "user.location.coarse", kind: "contextual", fidelity: "inferred", identifiability: "aggregated", valueType: "category", allowedValues: ["Very high", "High", "Average", "Below average", "Low"], consents: [LI("analytics"), LI("tcf.market_research"), LI("tcf.limited_data_ads")] },

  // ---- Email service platform
  { ...esp, key: "last_email_open_at", name: "Last email open", description: "Most recent open of any marketing email (Apple Mail privacy opens excluded).", category: "user.behavior.email_engagement", kind: "behavioural", fidelity: "observed", valueType: "timestamp", consents: EMAIL },
  { ...esp, key: "email_clicks_30d", name: "Email clicks in last 30 days", description: "Clicks on links in marketing emails.", category: "user.behavior.email_engagement", kind: "behavioural", fidelity: "observed", valueType: "number", consents: EMAIL },
  { ...esp, key: "email_opens_90d", name: "Email opens in last 90 days", description: "Distinct campaigns opened.", category: "user.behavior.email_engagement", kind: "behavioural", fidelity: "observed", valueType: "number", consents: EMAIL },
  { ...esp, key: "email_bounce_status", name: "Email bounce status", description: "Worst bounce in the last 90 days.", category: "user.contact.email", kind: "contextual", fidelity: "observed", valueType: "category", allowedValues: ["None", "Soft bounce", "Hard bounce"], consents: EMAIL },
  { ...esp, key: "newsletter_topics", name: "Newsletter topics chosen", description: "Topics ticked at newsletter sign-up or in the preference centre.", category: "user.demographic.profile", kind: "declared", fidelity: "confirmed", valueType: "list", allowedValues: ["New in", "Sale", "Home inspiration", "Style edits", "Sustainability", "Store events"], consents: EMAIL },
  { ...esp, key: "best_send_hour", name: "Best send hour", description: "Hour of day (0–23, local time) at which the person usually opens.", category: "user.behavior.email_engagement", kind: "contextual", fidelity: "derived", valueType: "number", consents: EMAIL },
  { ...esp, key: "email_reading_environment", name: "Email reading environment", description: "Where most opens happen.", category: "user.device", kind: "contextual", fidelity: "observed", valueType: "category", allowedValues: ["Mobile", "Desktop", "Webmail"], consents: EMAIL },
  { ...esp, key: "newsletter_subscribed_at", name: "Newsletter subscribed", description: "When the double opt-in was confirmed.", category: "user.contact.email", kind: "declared", fidelity: "confirmed", valueType: "timestamp", consents: EMAIL },

  // ---- Web analytics, EU storefront
  { ...webEu, key: "web_sessions_30d", name: "Web sessions in last 30 days", description: "Sessions on lumenandloom.eu from this browser.", category: "user.behavior.browsing_history", kind: "behavioural", fidelity: "observed", valueType: "number", consents: WEB_ANALYTICS },
  { ...webEu, key: "last_web_visit_at", name: "Last web visit", description: "Start of the most recent session.", category: "user.behavior.browsing_history", kind: "behavioural", fidelity: "observed", valueType: "timestamp", consents: WEB_PERSONAL },
  { ...webEu, key: "home_product_views_30d", name: "Home product views (30 days)", description: "Product pages viewed in Bed & bath, Tableware, Furniture and Lighting.", category: "user.behavior.browsing_history", kind: "behavioural", fidelity: "observed", valueType: "number", consents: WEB_PERSONAL },
  { ...webEu, key: "abandoned_basket_at", name: "Basket abandoned", description: "A signed-in visitor left items in the basket without ordering.", category: "user.behavior.browsing_history", kind: "behavioural", fidelity: "observed", identifiability: "identified", valueType: "timestamp", consents: [...WEB_PERSONAL, C("marketing.email")] },
  { ...webEu, key: "device_type", name: "Device type", description: "Device of the current or most recent session.", category: "user.device", kind: "contextual", fidelity: "observed", valueType: "category", allowedValues: ["Mobile", "Tablet", "Desktop"], consents: WEB_CONTEXT },
  { ...webEu, key: "traffic_source", name: "Arrived from", description: "Marketing channel of the session's landing.", category: "user.behavior.browsing_history", kind: "contextual", fidelity: "observed", valueType: "category", allowedValues: ["Organic search", "Paid search", "Paid social", "Email", "Direct", "Affiliate"], consents: WEB_CONTEXT },
  { ...webEu, key: "visit_time_of_day", name: "Time of day of visit", description: "Local time band of the current session.", category: "user.behavior.browsing_history", kind: "contextual", fidelity: "observed", valueType: "category", allowedValues: ["Morning", "Afternoon", "Evening", "Night"], consents: WEB_CONTEXT },
  { ...webEu, key: "site_search_terms_30d", name: "Searched for (30 days)", description: "Product families searched for on the site, mapped from free text.", category: "user.behavior.search_history", kind: "behavioural", fidelity: "derived", valueType: "list", retentionDays: 180, allowedValues: ["Linen", "Dresses", "Jeans", "Coats", "Sofas", "Rugs", "Candles", "Trainers"], consents: WEB_ANALYTICS },
  { ...webEu, key: "wishlist_web_items", name: "Items saved on the web", description: "Items currently saved to the wishlist on the website.", category: "user.behavior.browsing_history", kind: "behavioural", fidelity: "observed", valueType: "number", consents: WEB_PERSONAL },

  // ---- Web analytics, US storefront
  { ...webUs, key: "us_product_views_30d", name: "US product views (30 days)", description: "Product pages viewed on lumenandloom.com by an ad-consented visitor.", category: "user.behavior.browsing_history", kind: "behavioural", fidelity: "observed", valueType: "number", consents: US_ADS },
  { ...webUs, key: "us_ad_audience_eligible", name: "Eligible for US ad audiences", description: "Accepted advertising cookies, no Global Privacy Control signal, no “Do not sell or share” request.", category: "user.privacy_preferences", kind: "contextual", fidelity: "confirmed", valueType: "boolean", consents: US_ADS },
  { ...webUs, key: "us_categories_browsed_30d", name: "US departments browsed (30 days)", description: "Departments of the product pages viewed.", category: "user.behavior.browsing_history", kind: "behavioural", fidelity: "observed", valueType: "list", allowedValues: DEPARTMENTS, consents: US_ADS },
  { ...webUs, key: "us_last_visit_at", name: "US last visit", description: "Start of the most recent session on lumenandloom.com.", category: "user.behavior.browsing_history", kind: "behavioural", fidelity: "observed", valueType: "timestamp", consents: US_ADS },
  // CONSENT PROBLEM (deliberate): an analytics-only score that a paid-media team wants as a lookalike seed.
  { ...webUs, key: "us_high_intent_score", name: "US shopping intent score", description: "0–1 score from pages per session, dwell time and basket adds; built by analytics for funnel reporting.", category: "user.behavior.browsing_history", kind: "behavioural", fidelity: "inferred", valueType: "number", consents: WEB_ANALYTICS },
  { ...webUs, key: "us_referrer_type", name: "US referrer type", description: "Kind of site the visitor came from.", category: "user.device.cookie_id", kind: "contextual", fidelity: "observed", valueType: "category", allowedValues: ["Search engine", "Social network", "Marketplace", "Publisher", "Direct"], consents: WEB_CONTEXT },

  // ---- Consent management platform
  { ...cmp, key: "email_opt_in", name: "Email marketing opt-in", description: "Current email marketing permission.", category: "user.privacy_preferences", kind: "declared", fidelity: "confirmed", valueType: "boolean", consents: CHOICES },
  { ...cmp, key: "sms_opt_in", name: "SMS marketing opt-in", description: "Current SMS permission for the mobile number on file.", category: "user.privacy_preferences", kind: "declared", fidelity: "confirmed", valueType: "boolean", consents: CHOICES },
  { ...cmp, key: "push_opt_in", name: "Push notification opt-in", description: "Push permission granted in the app's operating system prompt and not revoked.", category: "user.privacy_preferences", kind: "declared", fidelity: "confirmed", valueType: "boolean", consents: CHOICES },
  { ...cmp, key: "do_not_sell_or_share", name: "Do not sell or share", description: "US opt-out of sale or share, by request or Global Privacy Control.", category: "user.privacy_preferences", kind: "declared", fidelity: "confirmed", valueType: "boolean", consents: CHOICES },
  { ...cmp, key: "contact_suppressed", name: "Do not contact", description: "Suppressed from all marketing: complaint, erasure pending, deceased or legal hold.", category: "user.privacy_preferences", kind: "declared", fidelity: "confirmed", valueType: "boolean", consents: CHOICES },
  { ...cmp, key: "permissions_updated_at", name: "Permissions last changed", description: "When the person last changed any marketing permission.", category: "user.privacy_preferences", kind: "declared", fidelity: "confirmed", valueType: "timestamp", consents: CHOICES },

  // ---- Customer survey tool
  { ...survey, key: "nps_score", name: "Latest NPS answer", description: "0–10 answer to “How likely are you to recommend us?” after a purchase.", category: "user.demographic.profile", kind: "declared", fidelity: "confirmed", valueType: "number", consents: RESEARCH },
  { ...survey, key: "survey_answered_at", name: "Last survey answered", description: "When the person last completed any survey.", category: "user.demographic.profile", kind: "declared", fidelity: "confirmed", valueType: "timestamp", consents: RESEARCH },
  // CONSENT PROBLEM (deliberate): research-only answers that a marketer wants to email on.
  { ...survey, key: "sustainability_importance", name: "Importance of sustainability", description: "Answer to “How important is sustainability when you shop?” in the lifestyle survey.", category: "user.demographic.profile", kind: "declared", fidelity: "confirmed", valueType: "category", allowedValues: ["Very important", "Somewhat important", "Not important"], consents: RESEARCH },
  { ...survey, key: "home_project_plans", name: "Home plans this year", description: "Projects ticked in the lifestyle survey.", category: "user.demographic.profile", kind: "declared", fidelity: "confirmed", valueType: "list", allowedValues: ["Redecorating", "Moving house", "Garden", "Guest room", "None"], consents: RESEARCH },
  { ...survey, key: "style_quiz_styles", name: "Style quiz result", description: "Styles picked in the online style quiz, which says answers personalise the shop.", category: "user.demographic.profile", kind: "declared", fidelity: "confirmed", valueType: "list", allowedValues: ["Classic", "Minimalist", "Bohemian", "Streetwear", "Workwear"], consents: [...RESEARCH, C("tcf.create_content_profiles"), C("tcf.use_content_profiles")] },

  // ---- Lumen & Loom app
  { ...app, key: "app_sessions_7d", name: "App sessions in last 7 days", description: "Foreground sessions in the app.", category: "user.behavior.app_usage", kind: "behavioural", fidelity: "observed", valueType: "number", consents: APP },
  { ...app, key: "app_last_opened_at", name: "App last opened", description: "Most recent foreground session.", category: "user.behavior.app_usage", kind: "behavioural", fidelity: "observed", valueType: "timestamp", consents: APP },
  { ...app, key: "app_installed", name: "Has the app", description: "The member is signed in to the app on at least one device active in the last 90 days.", category: "user.device.device_id", kind: "contextual", fidelity: "observed", valueType: "boolean", consents: APP },
  { ...app, key: "app_platform", name: "App platform", description: "Operating system of the member's most recent app device.", category: "user.device", kind: "contextual", fidelity: "observed", valueType: "category", allowedValues: ["iOS", "Android"], consents: APP },
  { ...app, key: "app_wishlist_items", name: "Items in app wishlist", description: "Items currently saved to the wishlist in the app.", category: "user.behavior.app_usage", kind: "behavioural", fidelity: "observed", valueType: "number", consents: APP },
  { ...app, key: "push_open_rate_90d", name: "Push open rate (90 days)", description: "Share (0–1) of push notifications opened.", category: "user.behavior.app_usage", kind: "behavioural", fidelity: "derived", valueType: "number", consents: APP },
  { ...app, key: "scan_and_go_uses_90d", name: "Scan & Go uses (90 days)", description: "Store visits paid for with Scan & Go in the app.", category: "user.behavior.app_usage", kind: "transactional", fidelity: "confirmed", valueType: "number", consents: APP },
  // CONSENT PROBLEM (deliberate): precise geolocation (a special category), granted in the OS
  // location prompt for store opening hours and stock, not for push marketing.
  { ...app, key: "store_geofence_entered_at", name: "Entered a store geofence", description: "The app saw the device within 150 m of a store (needs “precise location” permission).", category: "user.location.precise", kind: "contextual", fidelity: "observed", valueType: "timestamp", retentionDays: 90, consents: [C("analytics"), LI("tcf.limited_data_content")] },
];
