import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod/v4';
import { OUTBOX_STATUSES } from '../../core/forwarding/delivery-status';
import { FormIdSchema, type Answers } from '../../core/declarations/form-definition';
import { formatReference } from '../../core/declarations/reference';
import type {
  DeclarationRecord,
  DeclarationRepository,
  DeclarationSummary,
  DeliveryRow,
  DraftRecord,
  SubmitDraftInput,
  SubmitDraftResult,
  WithdrawInput,
  WithdrawResult,
} from '../../core/declarations/repository';
import { insertOutboxRows } from './outbox-rows';

interface DraftRow {
  id: string;
  user_id: string;
  form: string;
  step_id: string;
  rev: number;
  answers: string;
  privacy_notice_version: string;
  base_declaration_id: string | null;
  status: 'active' | 'submitted';
  declaration_id: string | null;
  reference: string | null;
  created_at: string;
  updated_at: string;
  expires_at: string;
}

interface DeclarationRow {
  id: string;
  reference: string;
  form: string;
  user_id: string;
  status: 'submitted' | 'withdrawn';
  current_version: number;
  created_at: string;
  updated_at: string;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
}

interface OutboxRow {
  ordering_key: string;
  event_id: string;
  event_type: string;
  destination_id: string;
  status: string;
  attempts: number;
  created_at: string;
  disabled: number;
}

const OutboxStatusSchema = z.enum(OUTBOX_STATUSES);

interface VersionRow {
  id: string;
  version: number;
  answers: string;
  payload: string;
  privacy_notice_version: string;
  submitted_at: string;
}

function toDraft(row: DraftRow): DraftRecord {
  return {
    id: row.id,
    userId: row.user_id,
    form: FormIdSchema.parse(row.form),
    stepId: row.step_id,
    rev: row.rev,
    answers: JSON.parse(row.answers) as Answers,
    privacyNoticeVersion: row.privacy_notice_version,
    status: row.status,
    ...(row.base_declaration_id === null ? {} : { baseDeclarationId: row.base_declaration_id }),
    ...(row.declaration_id === null ? {} : { declarationId: row.declaration_id }),
    ...(row.reference === null ? {} : { reference: row.reference }),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    expiresAt: new Date(row.expires_at),
  };
}

function toSummary(row: DeclarationRow): DeclarationSummary {
  return {
    id: row.id,
    reference: row.reference,
    form: FormIdSchema.parse(row.form),
    status: row.status,
    currentVersion: row.current_version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    ...(row.withdrawn_at === null ? {} : { withdrawnAt: new Date(row.withdrawn_at) }),
  };
}

/** Drafts, declarations (with every version kept) and their audit and outbox rows, in SQLite. */
export function createSqliteDeclarationRepository(db: Database): DeclarationRepository {
  const draftById = db.prepare<[string], DraftRow>('SELECT * FROM declaration_drafts WHERE id = ?');
  const activeDraft = db.prepare<[string, string], DraftRow>(
    `SELECT * FROM declaration_drafts WHERE user_id = ? AND form = ? AND status = 'active'`,
  );
  const insertDraft = db.prepare(
    `INSERT INTO declaration_drafts (id, user_id, form, step_id, rev, answers, privacy_notice_version,
       base_declaration_id, status, declaration_id, reference, created_at, updated_at, expires_at)
     VALUES (@id, @userId, @form, @stepId, @rev, @answers, @privacyNoticeVersion, @base, 'active',
       NULL, @reference, @createdAt, @updatedAt, @expiresAt)`,
  );
  const updateDraftRow = db.prepare(
    `UPDATE declaration_drafts SET step_id = @stepId, rev = @rev, answers = @answers,
       updated_at = @updatedAt, expires_at = @expiresAt
     WHERE id = @id AND rev = @expectedRev AND status = 'active'`,
  );
  const deleteDraftRow = db.prepare(
    `DELETE FROM declaration_drafts WHERE id = ? AND status = 'active'`,
  );
  const purgeDrafts = db.prepare('DELETE FROM declaration_drafts WHERE expires_at <= ?');
  const declarationById = db.prepare<[string], DeclarationRow>(
    'SELECT * FROM declarations WHERE id = ?',
  );
  const versionsOf = db.prepare<[string], VersionRow>(
    'SELECT * FROM declaration_versions WHERE declaration_id = ? ORDER BY version',
  );
  const nextSequence = db.prepare<[string, number], { last: number }>(
    `INSERT INTO declaration_sequences (prefix, year, last) VALUES (?, ?, 1)
     ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 RETURNING last`,
  );
  const insertDeclaration = db.prepare(
    `INSERT INTO declarations (id, reference, form, user_id, status, current_version, created_at, updated_at)
     VALUES (@id, @reference, @form, @userId, 'submitted', 1, @at, @at)`,
  );
  const bumpVersion = db.prepare(
    'UPDATE declarations SET current_version = @version, updated_at = @at WHERE id = @id',
  );
  const insertVersion = db.prepare(
    `INSERT INTO declaration_versions (id, declaration_id, version, answers, payload, privacy_notice_version,
       submitted_at, idempotency_key)
     VALUES (@id, @declarationId, @version, @answers, @payload, @privacyNoticeVersion, @at, @key)`,
  );
  const markSubmitted = db.prepare(
    `UPDATE declaration_drafts SET status = 'submitted', rev = rev + 1, answers = '{}',
       declaration_id = @declarationId, reference = @reference, updated_at = @at
     WHERE id = @id`,
  );
  const markWithdrawn = db.prepare(
    `UPDATE declarations SET status = 'withdrawn', withdrawn_at = @at, withdraw_reason = @reason,
       updated_at = @at WHERE id = @id`,
  );
  const insertAudit = db.prepare(
    `INSERT INTO audit_log (at, actor, action, subject_type, subject_id, details)
     VALUES (@at, @actor, @action, 'declaration', @subjectId, @details)`,
  );

  const record = (row: DeclarationRow): DeclarationRecord => ({
    ...toSummary(row),
    userId: row.user_id,
    ...(row.withdraw_reason === null ? {} : { withdrawReason: row.withdraw_reason }),
    versions: versionsOf.all(row.id).map((v) => ({
      id: v.id,
      version: v.version,
      answers: JSON.parse(v.answers) as Answers,
      payload: JSON.parse(v.payload) as Record<string, unknown>,
      privacyNoticeVersion: v.privacy_notice_version,
      submittedAt: new Date(v.submitted_at),
    })),
  });

  const audit = (at: string, actor: string, action: string, subjectId: string, details: object) =>
    insertAudit.run({ at, actor, action, subjectId, details: JSON.stringify(details) });

  const createDraftTx = db.transaction((draft: DraftRecord) => {
    const existing = activeDraft.get(draft.userId, draft.form);
    if (existing) {
      if (new Date(existing.expires_at).getTime() > draft.createdAt.getTime()) {
        return { ok: false as const, error: 'draft_exists' as const, existing: toDraft(existing) };
      }
      deleteDraftRow.run(existing.id);
    }
    insertDraft.run({
      id: draft.id,
      userId: draft.userId,
      form: draft.form,
      stepId: draft.stepId,
      rev: draft.rev,
      answers: JSON.stringify(draft.answers),
      privacyNoticeVersion: draft.privacyNoticeVersion,
      base: draft.baseDeclarationId ?? null,
      reference: draft.reference ?? null,
      createdAt: draft.createdAt.toISOString(),
      updatedAt: draft.updatedAt.toISOString(),
      expiresAt: draft.expiresAt.toISOString(),
    });
    return { ok: true as const };
  });

  const submitTx = db.transaction((input: SubmitDraftInput): SubmitDraftResult => {
    const row = draftById.get(input.draftId);
    if (!row || row.user_id !== input.userId) return { ok: false, error: 'not_found' };
    if (row.status === 'submitted') {
      const done =
        row.declaration_id === null ? undefined : declarationById.get(row.declaration_id);
      return done
        ? { ok: true, duplicate: true, declaration: record(done) }
        : { ok: false, error: 'not_found' };
    }
    if (row.rev !== input.expectedRev) return { ok: false, error: 'stale' };
    const at = input.now.toISOString();
    let declarationId: string;
    let reference: string;
    let version = 1;
    let previousVersionId: string | undefined;
    if (row.base_declaration_id !== null) {
      const base = declarationById.get(row.base_declaration_id);
      if (!base || base.user_id !== input.userId) return { ok: false, error: 'not_found' };
      if (base.status === 'withdrawn') return { ok: false, error: 'base_withdrawn' };
      declarationId = base.id;
      reference = base.reference;
      version = base.current_version + 1;
      previousVersionId = versionsOf
        .all(base.id)
        .find((v) => v.version === base.current_version)?.id;
    } else {
      declarationId = randomUUID();
      const sequence = nextSequence.get(input.referencePrefix, input.referenceYear)?.last ?? 1;
      reference = formatReference(input.referencePrefix, input.referenceYear, sequence);
    }
    const versionId = randomUUID();
    const built = input.build({
      declarationId,
      reference,
      versionId,
      version,
      ...(previousVersionId ? { previousVersionId } : {}),
    });
    if (version === 1) {
      insertDeclaration.run({
        id: declarationId,
        reference,
        form: row.form,
        userId: input.userId,
        at,
      });
    } else {
      bumpVersion.run({ id: declarationId, version, at });
    }
    insertVersion.run({
      id: versionId,
      declarationId,
      version,
      answers: JSON.stringify(built.answers),
      payload: JSON.stringify(built.payload),
      privacyNoticeVersion: row.privacy_notice_version,
      at,
      key: `${row.id}:${row.rev}`,
    });
    markSubmitted.run({ id: row.id, declarationId, reference, at });
    audit(
      at,
      input.userId,
      version === 1 ? 'declaration.created' : 'declaration.updated',
      declarationId,
      {
        reference,
        form: row.form,
        version,
      },
    );
    insertOutboxRows(db, built.event, input.destinationIds);
    const stored = declarationById.get(declarationId) as DeclarationRow;
    return { ok: true, duplicate: false, declaration: record(stored) };
  });

  const withdrawTx = db.transaction((input: WithdrawInput): WithdrawResult => {
    const row = declarationById.get(input.declarationId);
    if (!row || row.user_id !== input.userId) return { ok: false, error: 'not_found' };
    if (row.status === 'withdrawn') {
      return { ok: false, error: 'already_withdrawn', declaration: record(row) };
    }
    const at = input.now.toISOString();
    markWithdrawn.run({ id: row.id, at, reason: input.reason });
    const withdrawn = record(declarationById.get(row.id) as DeclarationRow);
    audit(at, input.userId, 'declaration.withdrawn', row.id, {
      reference: row.reference,
      form: row.form,
      version: row.current_version,
    });
    insertOutboxRows(db, input.buildEvent(withdrawn), input.destinationIds);
    return { ok: true, declaration: withdrawn };
  });

  return {
    createDraft(draft) {
      return Promise.resolve(createDraftTx.immediate(draft));
    },
    findDraft(id) {
      const row = draftById.get(id);
      return Promise.resolve(row ? toDraft(row) : undefined);
    },
    findActiveDraft(userId, form, now) {
      const row = activeDraft.get(userId, form);
      return Promise.resolve(
        row && new Date(row.expires_at).getTime() > now.getTime() ? toDraft(row) : undefined,
      );
    },
    updateDraft(draft, expectedRev) {
      const changed = updateDraftRow.run({
        id: draft.id,
        stepId: draft.stepId,
        rev: draft.rev,
        answers: JSON.stringify(draft.answers),
        updatedAt: draft.updatedAt.toISOString(),
        expiresAt: draft.expiresAt.toISOString(),
        expectedRev,
      }).changes;
      return Promise.resolve(changed === 1);
    },
    deleteDraft(id) {
      deleteDraftRow.run(id);
      return Promise.resolve();
    },
    purgeExpiredDrafts(now) {
      return Promise.resolve(purgeDrafts.run(now.toISOString()).changes);
    },
    submitDraft(input) {
      return Promise.resolve(submitTx.immediate(input));
    },
    withdraw(input) {
      return Promise.resolve(withdrawTx.immediate(input));
    },
    listForUser(userId) {
      const rows = db
        .prepare<[string], DeclarationRow>(
          'SELECT * FROM declarations WHERE user_id = ? ORDER BY updated_at DESC, reference DESC',
        )
        .all(userId);
      return Promise.resolve(rows.map(toSummary));
    },
    findForUser(declarationId, userId) {
      const row = declarationById.get(declarationId);
      return Promise.resolve(row && row.user_id === userId ? record(row) : undefined);
    },
    exists(declarationId) {
      return Promise.resolve(declarationById.get(declarationId) !== undefined);
    },
    recentAnswers(userId, form, since) {
      const rows = db
        .prepare<[string, string, string], { id: string; answers: string }>(
          `SELECT d.id, v.answers FROM declarations d
           JOIN declaration_versions v ON v.declaration_id = d.id AND v.version = d.current_version
           WHERE d.user_id = ? AND d.form = ? AND d.status = 'submitted' AND d.created_at >= ?`,
        )
        .all(userId, form, since.toISOString());
      return Promise.resolve(
        rows.map((r) => ({ id: r.id, answers: JSON.parse(r.answers) as Answers })),
      );
    },
    deliveryRows(declarationIds) {
      const out = new Map<string, DeliveryRow[]>();
      if (declarationIds.length === 0) return Promise.resolve(out);
      const rows = db
        .prepare<string[], OutboxRow>(
          `SELECT o.ordering_key, o.event_id, o.event_type, o.destination_id, o.status, o.attempts,
                  o.created_at, d.destination_id IS NOT NULL AS disabled
           FROM outbox o LEFT JOIN outbox_disabled_destinations d ON d.destination_id = o.destination_id
           WHERE o.ordering_key IN (${declarationIds.map(() => '?').join(',')}) ORDER BY o.seq`,
        )
        .all(...declarationIds);
      for (const row of rows) {
        const list = out.get(row.ordering_key) ?? [];
        list.push({
          eventId: row.event_id,
          eventType: row.event_type,
          destinationId: row.destination_id,
          status: OutboxStatusSchema.catch('pending').parse(row.status),
          attempts: row.attempts,
          destinationDisabled: row.disabled === 1,
          createdAt: new Date(row.created_at),
        });
        out.set(row.ordering_key, list);
      }
      return Promise.resolve(out);
    },
  };
}
