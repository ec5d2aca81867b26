import type { DestinationDeliveryFacts } from '../forwarding/delivery-status';
import type { OutboundEvent } from '../forwarding/outbound-event';
import type { Answers, FormId } from './form-definition';

export interface DraftRecord {
  readonly id: string;
  readonly userId: string;
  readonly form: FormId;
  /** The step the user is on ('review' for the review step). */
  readonly stepId: string;
  /** Bumped on every change; cards carry it, so an old card is recognised as stale. */
  readonly rev: number;
  readonly answers: Answers;
  readonly privacyNoticeVersion: string;
  /** Set when this draft updates an earlier declaration (it becomes the next version). */
  readonly baseDeclarationId?: string;
  readonly status: 'active' | 'submitted';
  /** Set once submitted. */
  readonly declarationId?: string;
  readonly reference?: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly expiresAt: Date;
}

export interface DeclarationVersion {
  readonly id: string;
  readonly version: number;
  readonly answers: Answers;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly privacyNoticeVersion: string;
  readonly submittedAt: Date;
}

export interface DeclarationSummary {
  readonly id: string;
  readonly reference: string;
  readonly form: FormId;
  readonly status: 'submitted' | 'withdrawn';
  readonly currentVersion: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly withdrawnAt?: Date;
}

export interface DeclarationRecord extends DeclarationSummary {
  readonly userId: string;
  readonly withdrawReason?: string;
  /** Oldest first; the last is the current version. */
  readonly versions: readonly DeclarationVersion[];
}

/** One outbox row, as the forwarding feature keeps it. */
export interface DeliveryRow extends DestinationDeliveryFacts {
  readonly eventId: string;
  readonly eventType: string;
  readonly createdAt: Date;
}

/** The ids a new version gets inside the submit transaction. */
export interface VersionIds {
  readonly declarationId: string;
  readonly reference: string;
  readonly versionId: string;
  readonly version: number;
  readonly previousVersionId?: string;
}

export interface BuiltVersion {
  readonly answers: Answers;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly event: OutboundEvent;
}

export interface SubmitDraftInput {
  readonly draftId: string;
  readonly expectedRev: number;
  readonly userId: string;
  readonly now: Date;
  /** Reference prefix and year for a new declaration (e.g. GIF, 2026). */
  readonly referencePrefix: string;
  readonly referenceYear: number;
  readonly destinationIds: readonly string[];
  /** Builds the stored answers, payload and outbox event once the ids are known (no I/O). */
  readonly build: (ids: VersionIds) => BuiltVersion;
}

export type SubmitDraftResult =
  | { ok: true; duplicate: boolean; declaration: DeclarationRecord }
  | { ok: false; error: 'not_found' | 'stale' | 'base_withdrawn' };

export interface WithdrawInput {
  readonly declarationId: string;
  readonly userId: string;
  readonly reason: string;
  readonly now: Date;
  readonly destinationIds: readonly string[];
  readonly buildEvent: (declaration: DeclarationRecord) => OutboundEvent;
}

export type WithdrawResult =
  | { ok: true; declaration: DeclarationRecord }
  | { ok: false; error: 'not_found' }
  | { ok: false; error: 'already_withdrawn'; declaration: DeclarationRecord };

/**
 * Storage for drafts and declarations. Each method is one atomic unit of work. Submitting and
 * withdrawing write the declaration, the audit entry and the outbox rows in one transaction.
 */
export interface DeclarationRepository {
  /** Fails with draft_exists when the user already has an active, unexpired draft of that form. */
  createDraft(
    draft: DraftRecord,
  ): Promise<{ ok: true } | { ok: false; error: 'draft_exists'; existing: DraftRecord }>;
  findDraft(id: string): Promise<DraftRecord | undefined>;
  findActiveDraft(userId: string, form: FormId, now: Date): Promise<DraftRecord | undefined>;
  /** Replaces an active draft if its rev is still `expectedRev`; false when it moved on. */
  updateDraft(draft: DraftRecord, expectedRev: number): Promise<boolean>;
  deleteDraft(id: string): Promise<void>;
  /** Deletes drafts past their expiry; returns how many. */
  purgeExpiredDrafts(now: Date): Promise<number>;
  submitDraft(input: SubmitDraftInput): Promise<SubmitDraftResult>;
  withdraw(input: WithdrawInput): Promise<WithdrawResult>;
  listForUser(userId: string): Promise<DeclarationSummary[]>;
  /** Undefined when it does not exist or belongs to someone else. */
  findForUser(declarationId: string, userId: string): Promise<DeclarationRecord | undefined>;
  /** Whether a declaration with this id exists at all (to tell a probe from a typo in the logs). */
  exists(declarationId: string): Promise<boolean>;
  /** The user's declarations of a form submitted since a date, current version only. */
  recentAnswers(
    userId: string,
    form: FormId,
    since: Date,
  ): Promise<{ id: string; answers: Answers }[]>;
  /** Outbox rows per declaration (forwarding's delivery status), oldest first. */
  deliveryRows(declarationIds: readonly string[]): Promise<Map<string, DeliveryRow[]>>;
}
