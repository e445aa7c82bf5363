/** Every catalog list pages by this many rows. */
export const PAGE_SIZE = 25;

/** The sort orders every catalog list offers first; each list adds its own after them. */
export const COMMON_SORTS = {
  "name-asc": "Name, A–Z",
  "name-desc": "Name, Z–A",
  "updated-desc": "Recently updated",
} as const;
