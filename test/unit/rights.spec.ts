import { describe, expect, it } from '@jest/globals';
import { Rights } from '../../server/src/common/auth/rights.js';

const OP_A = '00000000-0000-4000-8000-00000000000a';
const OP_B = '00000000-0000-4000-8000-00000000000b';
const OP_C = '00000000-0000-4000-8000-00000000000c';
const SYS = '00000000-0000-4000-8000-0000000000f1';

const operation = (id: string, name: string, areaName = 'Plattformer och infrastruktur') => ({
  id,
  name,
  areaId: `area-${areaName}`,
  areaName,
});

const grant = (id: string, name: string, mayOrder: boolean, mayAttest: boolean, areaName = 'Vård') => ({
  operationId: id,
  operationName: name,
  areaId: `area-${areaName}`,
  areaName,
  mayOrder,
  mayAttest,
});

describe('Rights for verksamheter and systems (common/auth/rights.ts)', () => {
  it("gives a verksamhet's head order, attest and delegation there, and nowhere else", () => {
    const rights = new Rights('p', false, [], [], { headedOperations: [operation(OP_A, 'Identitet')] });
    expect(rights.mayOrderAccess(OP_A)).toBe(true);
    expect(rights.mayAttestAccess(OP_A)).toBe(true);
    expect(rights.mayDelegateForOperation(OP_A)).toBe(true);
    expect(rights.mayOrderAccess(OP_B)).toBe(false);
    expect(rights.mayDelegateForOperation(OP_B)).toBe(false);
    expect(rights.isHead).toBe(true);
    expect(rights.mayDelegate).toBe(true);
    expect(rights.holdsRights).toBe(true);
    expect(rights.headOf).toEqual([]);
    expect(rights.headOfOperations).toEqual([OP_A]);
  });

  it('adds up delegations for a verksamhet: ORDER from one, ATTEST from another; no delegating', () => {
    const rights = new Rights('p', false, [], [], {
      operationGrants: [grant(OP_B, 'Röntgen', true, false), grant(OP_B, 'Röntgen', false, true)],
    });
    expect(rights.operations).toHaveLength(1);
    expect(rights.operations[0]).toMatchObject({ head: false, delegated: true, order: true, attest: true });
    expect(rights.mayOrderAccess(OP_B)).toBe(true);
    expect(rights.mayAttestAccess(OP_B)).toBe(true);
    expect(rights.mayDelegateForOperation(OP_B)).toBe(false);
    expect(rights.isDelegate).toBe(true);
    expect(rights.mayDelegate).toBe(false);
    expect(rights.holdsRights).toBe(true);
  });

  it('an ORDER-only delegation does not attest', () => {
    const rights = new Rights('p', false, [], [], { operationGrants: [grant(OP_C, 'Lab', true, false)] });
    expect(rights.mayOrderAccess(OP_C)).toBe(true);
    expect(rights.mayAttestAccess(OP_C)).toBe(false);
  });

  it('administrators delegate for every verksamhet but neither order nor attest from that alone', () => {
    const rights = new Rights('admin', true, [], []);
    expect(rights.mayDelegateForOperation(OP_A)).toBe(true);
    expect(rights.mayOrderAccess(OP_A)).toBe(false);
    expect(rights.mayAttestAccess(OP_A)).toBe(false);
    expect(rights.administersSystem(SYS)).toBe(false);
  });

  it('lists verksamheter by område, then name, in Swedish order, and a headship wins over a delegation', () => {
    const rights = new Rights('p', false, [], [], {
      headedOperations: [operation(OP_A, 'Ö-verksamhet', 'Ärenden'), operation(OP_B, 'Bas', 'Vård')],
      operationGrants: [grant(OP_A, 'Ö-verksamhet', true, false, 'Ärenden'), grant(OP_C, 'Akut', true, true)],
    });
    expect(rights.operations.map((o) => o.operationId)).toEqual([OP_C, OP_B, OP_A]);
    const a = rights.operations.find((o) => o.operationId === OP_A);
    expect(a).toMatchObject({ head: true, delegated: true, order: true, attest: true });
  });

  it('knows the systems a person administers; administering alone holds no directory rights', () => {
    const rights = new Rights('p', false, [], [], {
      systems: [
        { systemId: SYS, systemName: 'Melior' },
        { systemId: OP_A, systemName: 'ELVIS' },
      ],
    });
    expect(rights.administersSystem(SYS)).toBe(true);
    expect(rights.administersSystem(OP_B)).toBe(false);
    expect(rights.systems.map((s) => s.systemName)).toEqual(['ELVIS', 'Melior']);
    expect(rights.holdsRights).toBe(false);
    expect(rights.mayDelegate).toBe(false);
  });

  it('an auditor reads region-wide and, with no other role, is read-only', () => {
    const auditor = new Rights('p', false, [], [], { auditor: true });
    expect(auditor.auditor).toBe(true);
    expect(auditor.readOnly).toBe(true);
    expect(auditor.holdsRights).toBe(false);
    const reading = auditor.readingRegionWide();
    expect(reading.administrator).toBe(true);
    expect(reading.personId).toBe('p');
    expect(reading.mayOrder(SYS)).toBe(false);
    // The auditor's own rights are not changed by reading.
    expect(auditor.administrator).toBe(false);
    // Another role keeps its writes: a system administrator who is also an auditor.
    const both = new Rights('p', false, [], [], {
      auditor: true,
      systems: [{ systemId: SYS, systemName: 'Melior' }],
    });
    expect(both.readOnly).toBe(false);
    expect(new Rights('p', true, [], [], { auditor: true }).readOnly).toBe(false);
    expect(new Rights('p', false, [], []).auditor).toBe(false);
  });
});
