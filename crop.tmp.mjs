import { chromium } from "@playwright/test";
import fs from "node:fs";
const [src, y, h, out] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const p = await b.newPage({ viewport: { width: 1440, height: Number(h) } });
await p.setContent(`<html><body style="margin:0;overflow:hidden"><div style="width:1440px;height:${h}px;background:url('data:image/png;base64,${fs.readFileSync(src).toString("base64")}') 0 -${y}px no-repeat"></div></body></html>`);
await p.screenshot({ path: out });
await b.close();
