import { type Column, type SQL, sql } from 'drizzle-orm';
import { users } from '../../../db/schema.ts';

/**
 * The name of the user whose id `userId` holds, as a field of a select (`recordedBy:
 * usernameOf(figures.userId)`): the one way a query shows who did something, instead of a join to
 * `users` (under an alias when a row names two people) in each. Null where `userId` is null.
 */
export function usernameOf<C extends Column>(userId: C): SQL<C['_']['notNull'] extends true ? string : string | null> {
  return sql`(select ${users.username} from ${users} where ${users.id} = ${userId})`;
}
