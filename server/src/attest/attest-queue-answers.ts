import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { TotalKind } from '../common/sql.js';
import { type AttestQueueScope, attestQueueScope } from '../orders/attest-queue-stamp.js';

/** An answer of the queue as it goes out: the JSON text, and a page's Content-Range parts. */
export interface QueueAnswer {
  json: string;
  range?: { offset: number; count: number; total: number; totalKind: TotalKind };
}

/** At most this many bytes of answers in one process (about 1,500 pages of 25 orders). */
export const QUEUE_ANSWERS_BYTES = 32 * 1024 * 1024;
/** At most this many answers of one attestant (pages, tabs, counts, batches, filters). */
export const QUEUE_ANSWERS_PER_ATTESTANT = 32;

interface Kept {
  attestantId: string;
  /** The stamp and day the answers hold for. */
  stamp: string;
  today: string;
  answers: Map<string, Promise<QueueAnswer>>;
  /** The length of each answer made. */
  sizes: Map<string, number>;
  bytes: number;
}

/**
 * The answers kept in one process: by attestant, each attestant's under the stamp and day they
 * were made under (AttestQueueAnswers says why that is enough). Bounded by bytes over all
 * attestants, least recently used attestant first out, and by answers per attestant, oldest first
 * out. Two requests missing the same answer together share one making; a failed one is not kept.
 */
export class KeptAnswers {
  /** By attestant, in the order of their last use (a Map keeps insertion order). */
  private readonly kept = new Map<string, Kept>();
  private bytes = 0;

  constructor(
    private readonly capacityBytes = QUEUE_ANSWERS_BYTES,
    private readonly perAttestant = QUEUE_ANSWERS_PER_ATTESTANT,
  ) {}

  /**
   * The answer `key` of `attestantId` made under `stamp` on `today`: kept, or made by `make` and
   * kept. A stamp or day other than the kept answers' drops them all.
   */
  answer(
    attestantId: string,
    stamp: string,
    today: string,
    key: string,
    make: () => Promise<QueueAnswer>,
  ): Promise<QueueAnswer> {
    let mine = this.kept.get(attestantId);
    if (mine && (mine.stamp !== stamp || mine.today !== today)) {
      // Something in the queue changed, or the day did: nothing kept holds any more.
      this.forget(attestantId, mine);
      mine = undefined;
    }
    if (!mine) {
      mine = { attestantId, stamp, today, answers: new Map(), sizes: new Map(), bytes: 0 };
    } else {
      this.kept.delete(attestantId);
    }
    this.kept.set(attestantId, mine);

    const known = mine.answers.get(key);
    if (known) return known;
    if (mine.answers.size >= this.perAttestant) {
      const [oldest] = mine.answers.keys();
      this.drop(mine, oldest);
    }
    const owner = mine;
    const made = make();
    owner.answers.set(key, made);
    made.then(
      (answer) => {
        if (owner.answers.get(key) !== made || this.kept.get(attestantId) !== owner) return;
        owner.sizes.set(key, answer.json.length);
        owner.bytes += answer.json.length;
        this.bytes += answer.json.length;
        this.trim();
      },
      () => {
        if (owner.answers.get(key) === made) this.drop(owner, key);
      },
    );
    return made;
  }

  /** How many attestants, answers and bytes are kept. */
  get size(): { attestants: number; answers: number; bytes: number } {
    let answers = 0;
    for (const kept of this.kept.values()) answers += kept.answers.size;
    return { attestants: this.kept.size, answers, bytes: this.bytes };
  }

  private drop(kept: Kept, key: string): void {
    kept.answers.delete(key);
    const size = kept.sizes.get(key) ?? 0;
    kept.sizes.delete(key);
    kept.bytes -= size;
    if (this.kept.get(kept.attestantId) === kept) this.bytes -= size;
  }

  private forget(attestantId: string, kept: Kept): void {
    this.kept.delete(attestantId);
    this.bytes -= kept.bytes;
  }

  /** Drops the least recently used attestants' answers until the bytes are within the bound. */
  private trim(): void {
    for (const [attestantId, kept] of this.kept) {
      if (this.bytes <= this.capacityBytes) return;
      this.forget(attestantId, kept);
    }
  }
}

/**
 * The attest queue's answers (its pages, counts and batches), kept in this process between
 * requests and given again while nothing they show can have changed: an attestant's answers are
 * used only while their queue's stamp (attest-queue-stamp.ts, read from the database at every
 * request) and Stockholm's date (the "due" tab and flags) are what they were when the answers were
 * made. The stamp moves in the same transaction as every write that can change the queue, in any
 * process, so a kept answer is never older than the stamp the request read, and a write made
 * anywhere is seen by the next request. What it saves is the queue's statement (0.9 ms of database
 * time on the region), reading its rows and writing them out as JSON: the answer is kept as text
 * (KeptAnswers: 32 MB and 32 answers per attestant at most).
 */
@Injectable()
export class AttestQueueAnswers {
  private readonly kept = new KeptAnswers();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The answer `key` (the route, its query and the language) of `attestantId`'s queue on `today`:
   * kept, or made by `make` (after the stamp is read) and kept. The queue holds the orders of
   * the attestants the person stands in for too (domain.md rule 41): the scope read with the
   * stamp names them, `make` is given it, and the stamp covers them all and names them, so a
   * stand-in named, ended, begun or run out, or a write to any of their queues, makes new answers.
   */
  async answer(
    attestantId: string,
    today: string,
    key: string,
    make: (scope: AttestQueueScope) => Promise<QueueAnswer>,
  ): Promise<QueueAnswer> {
    const scope = await attestQueueScope(this.db, attestantId, today);
    return this.kept.answer(attestantId, scope.stamp, today, key, () => make(scope));
  }

  /** How many attestants, answers and bytes are kept (for tests). */
  get size(): { attestants: number; answers: number; bytes: number } {
    return this.kept.size;
  }
}
