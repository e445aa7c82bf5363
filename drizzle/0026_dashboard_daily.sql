CREATE TABLE "dashboard_daily" (
	"day" date PRIMARY KEY NOT NULL,
	"blocked" integer NOT NULL,
	"waived" integer NOT NULL,
	"warned" integer NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
