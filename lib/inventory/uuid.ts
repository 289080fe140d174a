const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in the address bar are typed by people; PostgreSQL rejects a malformed uuid outright. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
