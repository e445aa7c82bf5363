const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in the URL are checked before asking the server, which would refuse them with a 400. */
export const isUuid = (s: string) => UUID.test(s);
