/** A row of /api/system-administrators: a person who carries out a system's parts (issue 14). */
export interface SystemAdministrator {
  /** "systemId:personId". */
  id: string;
  systemId: string;
  systemName: string;
  personId: string;
  personName: string;
  personUserId: string;
  personHsaId: string;
  createdAt: string;
}
