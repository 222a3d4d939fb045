/**
 * The SQL of `Store.queryAudit`, shared by the SQLite and PostgreSQL stores (they differ only in how a
 * parameter is written: `?` or `$n`). Newest rows first.
 */
import type { AuditQuery } from './types.ts';

export const AUDIT_QUERY_MAX_LIMIT = 10_000;

export function auditQuerySql(
  query: AuditQuery,
  placeholder: (position: number) => string,
): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, value: string | number): void => {
    params.push(value);
    where.push(clause.replace('?', placeholder(params.length)));
  };
  if (query.event) add('event = ?', query.event);
  if (query.docName) add('doc_name = ?', query.docName);
  if (query.userId) add('user_id = ?', query.userId);
  // `at` is an ISO 8601 UTC instant in both stores, so text order is time order.
  if (query.from) add('at >= ?', query.from);
  if (query.to) add('at < ?', query.to);
  if (query.beforeSeq !== undefined) add('seq < ?', query.beforeSeq);
  const limit = Math.max(1, Math.min(query.limit ?? 100, AUDIT_QUERY_MAX_LIMIT));
  const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${limit}`;
  return { sql, params };
}
