import { CRM_SEGMENTS } from "./segments-crm";
import { DIGITAL_SEGMENTS } from "./segments-digital";
import { MEDIA_SEGMENTS } from "./segments-media";
import type { SampleSegment } from "./segment-type";

export type { SampleSegment, SampleOwner } from "./segment-type";

/** Every sample segment, parents before the segments built on them. */
export const SAMPLE_SEGMENTS: SampleSegment[] = [...CRM_SEGMENTS, ...DIGITAL_SEGMENTS, ...MEDIA_SEGMENTS];
