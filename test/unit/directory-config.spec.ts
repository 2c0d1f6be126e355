import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../server/src/config/app-config.js';
import {
  DEFAULT_LDAP_MAPPING,
  loadDirectoryConfig,
  mappingVariable,
} from '../../server/src/config/directory.config.js';

const LDAP = {
  DIRECTORY_SOURCE: 'ldap',
  LDAP_URL: 'ldap://kiv.example:389',
  LDAP_BIND_DN: 'cn=beh,dc=kiv,dc=example',
  LDAP_PASSWORD: 'hemligt',
  LDAP_BASE_DN: 'dc=kiv,dc=example',
};

function refused(env: Record<string, string>): string {
  try {
    loadDirectoryConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
  throw new Error('loadDirectoryConfig accepted the environment');
}

const CA = `-----BEGIN CERTIFICATE-----
MIIBfjCCASWgAwIBAgIUPnbpXZW9J+Hc3G7eSIv1E7nYdW0wCgYIKoZIzj0EAwIw
FTETMBEGA1UEAwwKS0lWIFRlc3RDQTAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEw
MDAwMDBaMBUxEzARBgNVBAMMCktJViBUZXN0Q0EwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQ=
-----END CERTIFICATE-----`;

describe('directory source configuration', () => {
  it('is the embedded directory unless told otherwise, as before', () => {
    expect(loadDirectoryConfig({})).toEqual({ source: 'embedded', ldap: null });
    // LDAP settings alone change nothing.
    expect(loadDirectoryConfig({ LDAP_URL: 'nonsense' })).toEqual({ source: 'embedded', ldap: null });
  });

  it('reads KIV with HSA attribute names and sensible defaults', () => {
    const { ldap } = loadDirectoryConfig(LDAP);
    expect(ldap).toMatchObject({
      url: 'ldap://kiv.example:389',
      startTls: false,
      caCertificate: null,
      bindDn: 'cn=beh,dc=kiv,dc=example',
      password: 'hemligt',
      baseDn: 'dc=kiv,dc=example',
      personBase: 'ou=Personal,dc=kiv,dc=example',
      organisationBase: 'dc=kiv,dc=example',
      pageSize: 1000,
      timeoutMs: 30_000,
      incrementalMinutes: 5,
      fullHours: 24,
      marginSeconds: 60,
      writeMaxAttempts: 5,
    });
    expect(ldap!.mapping).toEqual(DEFAULT_LDAP_MAPPING);
  });

  it('takes the attribute mapping from LDAP_MAP_<FIELD>', () => {
    expect(mappingVariable('hsaId')).toBe('LDAP_MAP_HSA_ID');
    expect(mappingVariable('commissionMember')).toBe('LDAP_MAP_COMMISSION_MEMBER');
    const { ldap } = loadDirectoryConfig({ ...LDAP, LDAP_MAP_USER_ID: 'vgrId', LDAP_MAP_EMAIL: 'email' });
    expect(ldap!.mapping).toMatchObject({ userId: 'vgrId', email: 'email', hsaId: 'hsaIdentity' });
  });

  it('reads the password and the CA from files', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'beh-ldap-config-'));
    writeFileSync(path.join(dir, 'password'), 'från-fil\n');
    const { ldap } = loadDirectoryConfig({
      ...LDAP,
      LDAP_PASSWORD: '',
      LDAP_PASSWORD_FILE: path.join(dir, 'password'),
    });
    expect(ldap!.password).toBe('från-fil');
    writeFileSync(path.join(dir, 'not-a-ca.pem'), CA);
    expect(refused({ ...LDAP, LDAP_CA_FILE: path.join(dir, 'not-a-ca.pem') })).toBe('LDAP_CA_FILE');
  });

  it.each([
    ['DIRECTORY_SOURCE', { DIRECTORY_SOURCE: 'kiv' }],
    ['LDAP_URL', { ...LDAP, LDAP_URL: '' }],
    ['LDAP_URL', { ...LDAP, LDAP_URL: 'http://kiv.example' }],
    ['LDAP_STARTTLS', { ...LDAP, LDAP_URL: 'ldaps://kiv.example', LDAP_STARTTLS: 'true' }],
    ['LDAP_STARTTLS', { ...LDAP, LDAP_STARTTLS: 'kanske' }],
    ['LDAP_CA_FILE', { ...LDAP, LDAP_CA_FILE: '/does/not/exist.pem' }],
    ['LDAP_BIND_DN', { ...LDAP, LDAP_BIND_DN: '' }],
    ['LDAP_BIND_DN', { ...LDAP, LDAP_BIND_DN: 'beh' }],
    ['LDAP_PASSWORD', { ...LDAP, LDAP_PASSWORD: '' }],
    ['LDAP_PASSWORD_FILE', { ...LDAP, LDAP_PASSWORD_FILE: '/does/not/exist' }],
    ['LDAP_BASE_DN', { ...LDAP, LDAP_BASE_DN: '' }],
    ['LDAP_PERSON_BASE', { ...LDAP, LDAP_PERSON_BASE: 'Personal' }],
    ['LDAP_ORGANISATION_BASE', { ...LDAP, LDAP_ORGANISATION_BASE: 'o=' }],
    ['LDAP_PAGE_SIZE', { ...LDAP, LDAP_PAGE_SIZE: '0' }],
    ['LDAP_TIMEOUT_SECONDS', { ...LDAP, LDAP_TIMEOUT_SECONDS: 'tio' }],
    ['LDAP_SYNC_INCREMENTAL_MINUTES', { ...LDAP, LDAP_SYNC_INCREMENTAL_MINUTES: '0' }],
    ['LDAP_SYNC_FULL_HOURS', { ...LDAP, LDAP_SYNC_FULL_HOURS: '-1' }],
    ['LDAP_WRITE_MAX_ATTEMPTS', { ...LDAP, LDAP_WRITE_MAX_ATTEMPTS: '0' }],
    ['LDAP_SYNC_MARGIN_SECONDS', { ...LDAP, LDAP_SYNC_MARGIN_SECONDS: '0' }],
    ['LDAP_MAP_USER_ID', { ...LDAP, LDAP_MAP_USER_ID: 'vgr id' }],
    ['LDAP_MAP_NICKNAME', { ...LDAP, LDAP_MAP_NICKNAME: 'nick' }],
  ])('stops the start naming the variable (%#: %s)', (variable, env) => {
    expect(refused(env as Record<string, string>)).toBe(variable);
  });

  it('never repeats a password in its message', () => {
    try {
      loadDirectoryConfig({ ...LDAP, LDAP_URL: 'ldap://beh:hemligt@kiv example' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hemligt');
      return;
    }
    throw new Error('accepted');
  });
});
