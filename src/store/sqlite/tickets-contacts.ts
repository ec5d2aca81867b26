import type { Database } from 'better-sqlite3';
import type { AuditEntry, TicketContactRepository } from '../port';
import { asPromise } from './as-promise';

interface ChannelRow {
  reference: string;
  channel_id: string;
  team_id: string | null;
  registered_by: string;
  updated_at: string;
  stale: number;
}

interface ConversationRow {
  reference: string;
  updated_at: string;
  stale: number;
}

export function createSqliteTicketContacts(db: Database): TicketContactRepository {
  const channel = db.prepare<[], ChannelRow>("SELECT * FROM ticket_channel WHERE id = 'advisers'");
  const upsertChannel = db.prepare(
    `INSERT INTO ticket_channel (id, reference, channel_id, team_id, registered_by, updated_at, stale)
     VALUES ('advisers', @reference, @channelId, @teamId, @registeredBy, @at, 0)
     ON CONFLICT (id) DO UPDATE SET reference = excluded.reference, channel_id = excluded.channel_id,
       team_id = excluded.team_id, registered_by = excluded.registered_by,
       updated_at = excluded.updated_at, stale = 0`,
  );
  const staleChannel = db.prepare(
    "UPDATE ticket_channel SET stale = 1, updated_at = ? WHERE id = 'advisers' AND stale = 0",
  );
  const insertAudit = db.prepare(
    `INSERT INTO audit_log (at, actor, action, subject_type, subject_id, details)
     VALUES (@at, @actor, @action, @subjectType, @subjectId, @details)`,
  );
  const conversation = db.prepare<[string], ConversationRow>(
    'SELECT * FROM ticket_conversations WHERE user_id = ?',
  );
  const upsertConversation = db.prepare(
    `INSERT INTO ticket_conversations (user_id, reference, updated_at, stale) VALUES (?, ?, ?, 0)
     ON CONFLICT (user_id) DO UPDATE SET reference = excluded.reference,
       updated_at = excluded.updated_at, stale = 0`,
  );
  const refreshConversation = db.prepare(
    'UPDATE ticket_conversations SET reference = ?, updated_at = ?, stale = 0 WHERE user_id = ?',
  );
  const staleConversation = db.prepare(
    'UPDATE ticket_conversations SET stale = 1, updated_at = ? WHERE user_id = ?',
  );
  const upsertAdviser = db.prepare(
    `INSERT INTO ticket_advisers (user_id, name, last_seen_at) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, last_seen_at = excluded.last_seen_at`,
  );
  const advisers = db.prepare<[], { user_id: string; name: string }>(
    'SELECT user_id, name FROM ticket_advisers ORDER BY name, user_id',
  );

  const register = db.transaction(
    (
      value: Parameters<TicketContactRepository['registerAdvisersChannel']>[0],
      audit: AuditEntry,
    ) => {
      upsertChannel.run({
        reference: JSON.stringify(value.reference),
        channelId: value.channelId,
        teamId: value.teamId,
        registeredBy: value.registeredBy,
        at: audit.at.toISOString(),
      });
      insertAudit.run({
        at: audit.at.toISOString(),
        actor: audit.actor,
        action: audit.action,
        subjectType: audit.subjectType,
        subjectId: audit.subjectId,
        details: audit.details === undefined ? null : JSON.stringify(audit.details),
      });
    },
  );

  return {
    advisersChannel: () =>
      asPromise(() => {
        const row = channel.get();
        if (row === undefined) return undefined;
        return {
          reference: JSON.parse(row.reference) as unknown,
          channelId: row.channel_id,
          teamId: row.team_id,
          registeredBy: row.registered_by,
          updatedAt: new Date(row.updated_at),
          stale: row.stale === 1,
        };
      }),
    registerAdvisersChannel: (value, audit) => asPromise(() => register.immediate(value, audit)),
    markAdvisersChannelStale: (at) =>
      asPromise(() => staleChannel.run(at.toISOString()).changes === 1),
    conversationOf: (userId) =>
      asPromise(() => {
        const row = conversation.get(userId);
        if (row === undefined) return undefined;
        return {
          reference: JSON.parse(row.reference) as unknown,
          updatedAt: new Date(row.updated_at),
          stale: row.stale === 1,
        };
      }),
    saveConversation: (userId, reference, at) =>
      asPromise(() => {
        upsertConversation.run(userId, JSON.stringify(reference), at.toISOString());
      }),
    refreshConversation: (userId, reference, at) =>
      asPromise(() => {
        refreshConversation.run(JSON.stringify(reference), at.toISOString(), userId);
      }),
    markConversationStale: (userId, at) =>
      asPromise(() => {
        staleConversation.run(at.toISOString(), userId);
      }),
    rememberAdviser: (id, name, at) =>
      asPromise(() => {
        upsertAdviser.run(id, name, at.toISOString());
      }),
    knownAdvisers: () =>
      asPromise(() => advisers.all().map((row) => ({ id: row.user_id, name: row.name }))),
  };
}
