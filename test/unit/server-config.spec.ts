import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadServerConfig } from '../../server/src/config/app-config.js';

describe('HOST: where the server listens', () => {
  it('listens on the loopback interface only outside production, where the development sign-in is open', () => {
    expect(loadServerConfig({}).host).toBe('127.0.0.1');
    expect(loadServerConfig({ NODE_ENV: 'development' }).host).toBe('127.0.0.1');
    expect(loadServerConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadServerConfig({ NODE_ENV: 'production' }).host).toBe('0.0.0.0');
  });

  it('listens where HOST says, an address or a host name', () => {
    expect(loadServerConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadServerConfig({ NODE_ENV: 'production', HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
    expect(loadServerConfig({ HOST: '::' }).host).toBe('::');
    expect(loadServerConfig({ HOST: 'localhost' }).host).toBe('localhost');
    expect(loadServerConfig({ HOST: 'beh-app.internal.example' }).host).toBe('beh-app.internal.example');
  });

  it('refuses what is not an address, naming HOST', () => {
    for (const bad of ['http://0.0.0.0', '0.0.0.0:3000', 'two words', '-leading.dash', 'beh_app']) {
      let refused: unknown;
      try {
        loadServerConfig({ HOST: bad });
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(ConfigError);
      expect((refused as ConfigError).variable).toBe('HOST');
    }
  });
});
