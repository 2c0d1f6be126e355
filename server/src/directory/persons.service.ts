import { HttpStatus, Injectable } from '@nestjs/common';
import { queryPrepared } from '../common/prepared.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { parseListQuery, type RawListQuery } from '../common/list-query.js';
import { ProblemException } from '../common/problem.js';
import {
  badLookup,
  invalidFields,
  invalidPersonnummer,
  notFound,
  translateConstraints,
} from './directory.errors.js';
import type { CreatePersonDto, UpdatePersonDto } from './dto/person.dto.js';
import { Prop } from '../common/api-schema.js';
import { providedFields } from '../common/field-rules.js';
import { DirectoryAudit, rowSnapshot, type RowSnapshot } from './directory-audit.js';
import { checkClashes, checkIdentity, deletedSnapshot, lockPerson, PERSON_WRITES } from './persons.writes.js';
import { Person } from './entities/person.entity.js';
import {
  formatPersonnummer,
  maskPassportNumber,
  maskPersonnummer,
  parsePersonnummer,
} from '../common/personnummer.js';
import {
  type AccessAction,
  type AccessPurpose,
  type AccessReader,
  type LookedUpBy,
  maskLookedUp,
} from './person-access-log.js';
import {
  ADMINISTRATIONS_NAMED_SQL,
  type DetailAccess,
  PERSON_HEADED_ADMINISTRATIONS_SQL,
  PERSON_HEADED_UNITS_SQL,
  PERSON_WHERE_BY,
  personDetailQuery,
  PersonEngagement,
  PersonHeldAssignment,
  personList,
  type PersonListItem,
  PersonRow,
} from './persons.queries.js';
import { likeEscape, listRows, type Page, searchTokens } from '../common/sql.js';
import { isUuid } from '../common/uuid.js';

export type { PersonListItem };

/**
 * A person in detail and lookup, with engagements and assignments: an identity number whole
 * (personnummer ÅÅÅÅMMDD-NNNN) to administrators and in a lookup by that very number, masked
 * otherwise. A class only so that its decorators describe it in the OpenAPI description.
 */
export class PersonDetail extends PersonRow {
  @Prop.list(() => PersonEngagement) engagements!: PersonEngagement[];
  @Prop.list(() => PersonHeldAssignment) heldAssignments!: PersonHeldAssignment[];
}

export type LookupKey = Exclude<keyof typeof PERSON_WHERE_BY, 'id'>;

const LOOKUP_KEYS: readonly LookupKey[] = ['personnummer', 'passportNumber', 'hsaId'];

const WRITABLE = [
  'hsaId',
  'userId',
  'personnummer',
  'passportNumber',
  'firstName',
  'lastName',
  'title',
  'email',
  'protectedIdentity',
] as const;

const NOT_FOUND_BY: Record<LookupKey, string> = {
  personnummer: 'Ingen person med det personnumret finns i katalogen.',
  passportNumber: 'Ingen person med det passnumret finns i katalogen.',
  hsaId: 'Ingen person med det HSA-id:t finns i katalogen.',
};

/** Who reads a person through the API, and from which screen: what the lookup log records. */
export interface ReadContext {
  reader: AccessReader;
  purpose: AccessPurpose;
  requestId: string | null;
}

/** Persons of the directory: search, lookup by identity, and the administrators' CRUD. */
@Injectable()
export class PersonsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: DirectoryAudit,
  ) {}

  /**
   * The persons list: personnummer and passport number masked; persons with a protected identity
   * only for administrators (`showProtected`).
   */
  async list(raw: RawListQuery, showProtected = false): Promise<Page<PersonListItem>> {
    // Which administrations the search words name, looked up first (a handful of rows): a word
    // that names none is then searched on the persons' own name indexes alone.
    const { filter } = parseListQuery({ filter: raw.filter }, {}, ['', 'ASC']);
    const words = searchTokens(typeof filter.q === 'string' ? filter.q : undefined);
    const named = words.length
      ? await this.db.query<{ n: number; ids: string[] }[]>(ADMINISTRATIONS_NAMED_SQL, [
          words.map(likeEscape),
        ])
      : [];
    const administrations = words.map((_word, i) => named.find((row) => row.n === i + 1)?.ids ?? []);
    const spec = personList(administrations, showProtected);
    const page = await listRows<PersonRow>(this.db, spec, raw, { today: this.clock.today() });
    return {
      ...page,
      items: page.items.map(({ isAdministrator: _admin, ...person }) => ({
        ...person,
        personnummer: maskPersonnummer(person.personnummer),
        passportNumber: maskPassportNumber(person.passportNumber),
      })),
    };
  }

  /** The detail, or undefined when there is no such person. */
  findDetail(id: string, db: DataSource | EntityManager = this.db): Promise<PersonDetail | undefined> {
    return isUuid(id) ? this.detailBy('id', id, db) : Promise.resolve(undefined);
  }

  /**
   * One statement: the person found by one identifier, with engagements and holdings; with
   * `access`, the read is appended to the lookup log by the same statement.
   */
  private async detailBy(
    by: keyof typeof PERSON_WHERE_BY,
    value: string,
    db: DataSource | EntityManager = this.db,
    access?: DetailAccess,
  ): Promise<PersonDetail | undefined> {
    const { text, values } = personDetailQuery(by, value, this.clock.today(), access);
    const [person] = await queryPrepared<PersonDetail[]>(db, text, values);
    return person && { ...person, personnummer: formatPersonnummer(person.personnummer) };
  }

  async detail(id: string, db: DataSource | EntityManager = this.db): Promise<PersonDetail> {
    const person = await this.findDetail(id, db);
    if (!person) throw notFound('Personen');
    return person;
  }

  /**
   * GET /api/persons/:id: the detail as its reader may see it, the opening logged (one
   * statement). Administrators see the person whole; others see the personnummer and passport
   * number masked, and a person with a protected identity not at all (404, the attempt logged).
   * An id that is no uuid names nobody: 404 without a read.
   */
  async open(id: string, ctx: ReadContext): Promise<PersonDetail> {
    if (!isUuid(id)) throw notFound('Personen');
    const admin = ctx.reader.isAdministrator;
    const person = await this.detailBy('id', id, this.db, {
      entry: this.entry(ctx, 'DETAIL', 'id', id),
      showProtected: admin,
    });
    if (!person) throw notFound('Personen');
    return admin
      ? person
      : {
          ...person,
          personnummer: maskPersonnummer(person.personnummer),
          passportNumber: maskPassportNumber(person.passportNumber),
        };
  }

  private entry(
    ctx: ReadContext,
    action: AccessAction,
    by: LookedUpBy,
    value: string,
  ): DetailAccess['entry'] {
    return {
      at: this.clock.now(),
      reader: ctx.reader,
      action,
      by,
      lookedUp: maskLookedUp(by, value),
      purpose: ctx.purpose,
      requestId: ctx.requestId,
    };
  }

  /**
   * Finds one person by exactly one of personnummer, passport number or HSA-id, as the
   * wizard's first step does. A personnummer is checked first, so the user is told what is
   * wrong with it rather than that nobody has it. Every lookup that reaches the directory, found
   * or not, is logged by the statement that reads (who, the masked value, why); a protected
   * identity is answered too: an exact number is how they may be found. An identity number is
   * answered whole only to whoever gave it, and to administrators: the persons list shows
   * everyone's HSA-id, so a lookup by it (or by passport number) answers the personnummer masked
   * as lists mask it, and a lookup by anything but the passport number masks that (rule 29).
   */
  async lookup(query: Record<string, unknown>, ctx: ReadContext): Promise<PersonDetail> {
    const given = LOOKUP_KEYS.filter((key) => query[key] !== undefined);
    if (given.length !== 1) {
      throw badLookup('Ange exakt ett av personnummer, passportNumber eller hsaId.');
    }
    const key = given[0];
    const raw = query[key];
    if (typeof raw !== 'string') throw badLookup(`Ange ${key} en gång, som text.`);
    let value = raw.trim();
    if (key === 'personnummer') {
      const parsed = parsePersonnummer(value, this.clock.now());
      if (!parsed.ok) throw invalidPersonnummer(parsed.message);
      value = parsed.value;
    } else if (value === '') {
      throw badLookup(key === 'hsaId' ? 'Ange ett HSA-id.' : 'Ange ett passnummer.');
    }
    const person = await this.detailBy(key, value, this.db, {
      entry: this.entry(ctx, 'LOOKUP', key, value),
      showProtected: true,
    });
    if (!person) throw notFoundBy(key);
    if (ctx.reader.isAdministrator) return person;
    return {
      ...person,
      personnummer: key === 'personnummer' ? person.personnummer : maskPersonnummer(person.personnummer),
      passportNumber:
        key === 'passportNumber' ? person.passportNumber : maskPassportNumber(person.passportNumber),
    };
  }

  findByUserId(userId: string): Promise<Person | null> {
    return this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .where('lower(p.user_id) = lower(:userId)', { userId })
      .getOne();
  }

  findByHsaId(hsaId: string): Promise<Person | null> {
    return this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .where('upper(p.hsa_id) = upper(:hsaId)', { hsaId })
      .getOne();
  }

  async create(actorId: string, dto: CreatePersonDto): Promise<PersonDetail> {
    const values = {
      hsaId: dto.hsaId,
      userId: dto.userId,
      personnummer: this.normalisePersonnummer(dto.personnummer ?? null),
      passportNumber: dto.passportNumber ?? null,
      firstName: dto.firstName,
      lastName: dto.lastName,
      title: dto.title ?? null,
      email: dto.email ?? null,
      protectedIdentity: dto.protectedIdentity ?? false,
    };
    checkIdentity(values.personnummer, values.passportNumber);
    return this.db.transaction(async (tx) => {
      await checkClashes(tx, values, undefined);
      const result = await translateConstraints(PERSON_WRITES, () => tx.insert(Person, values));
      const id = String(result.identifiers[0].id);
      await this.record(tx, actorId, id, undefined, rowSnapshot(await tx.findOneByOrFail(Person, { id })));
      return this.detail(id, tx);
    });
  }

  async update(actorId: string, id: string, dto: UpdatePersonDto): Promise<PersonDetail> {
    const changes = providedFields(dto, WRITABLE);
    if (changes.personnummer !== undefined)
      changes.personnummer = this.normalisePersonnummer(changes.personnummer);
    return this.db.transaction(async (tx) => {
      const current = await lockPerson(tx, id);
      checkIdentity(
        changes.personnummer !== undefined ? changes.personnummer : current.personnummer,
        changes.passportNumber !== undefined ? changes.passportNumber : current.passportNumber,
      );
      await checkClashes(tx, changes, id);
      if (Object.keys(changes).length > 0) {
        await translateConstraints(PERSON_WRITES, () => tx.update(Person, { id }, changes));
        const after = await tx.findOneByOrFail(Person, { id });
        await this.record(tx, actorId, id, rowSnapshot(current), rowSnapshot(after));
      }
      return this.detail(id, tx);
    });
  }

  async remove(actorId: string, id: string): Promise<PersonDetail> {
    return this.db.transaction(async (tx) => {
      const current = await lockPerson(tx, id);
      const person = await this.detail(id, tx);
      const headed = await tx.query<{ id: string }[]>(PERSON_HEADED_UNITS_SQL, [id]);
      const headedAdministrations = await tx.query<{ id: string }[]>(PERSON_HEADED_ADMINISTRATIONS_SQL, [id]);
      await translateConstraints(
        {
          inUse: 'Personen förekommer i andra uppgifter (till exempel beställningar) och kan inte tas bort.',
        },
        () => tx.delete(Person, { id }),
      );
      await this.record(
        tx,
        actorId,
        id,
        deletedSnapshot(current, person, headed, headedAdministrations),
        undefined,
      );
      return person;
    });
  }

  /**
   * One audit event per change of a person. The snapshots keep the personnummer whole: an
   * auditor must be able to tell whose identity was changed into what, and the audit log is read
   * by administrators only, who see it whole on the person's page anyway.
   */
  private record(
    tx: EntityManager,
    actorId: string,
    id: string,
    before: RowSnapshot | undefined,
    after: RowSnapshot | undefined,
  ): Promise<void> {
    return this.audit.record(tx, actorId, { entityType: 'person', action: 'PERSON' }, id, before, after);
  }

  private normalisePersonnummer(value: string | null): string | null {
    if (value === null) return null;
    const parsed = parsePersonnummer(value, this.clock.now());
    if (!parsed.ok) throw invalidFields({ personnummer: [parsed.message] });
    return parsed.value;
  }
}

const notFoundBy = (key: LookupKey) =>
  new ProblemException(HttpStatus.NOT_FOUND, 'not-found', NOT_FOUND_BY[key]);
