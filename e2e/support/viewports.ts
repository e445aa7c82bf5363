// Apart from widths.ts so that playwright.config.ts can import these without pulling in the
// test-side helpers (widths.ts imports ./a11y, which loads axe-core).

/** The desktop projects' viewport (playwright.config.ts) and the width atPhoneWidth returns to. */
export const DESKTOP = { width: 1440, height: 900 };
/** The phone the narrow-screen checks use. */
export const PHONE = { width: 390, height: 844 };
