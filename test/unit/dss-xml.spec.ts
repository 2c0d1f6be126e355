import { beforeAll, describe, expect, it } from '@jest/globals';
import { readSignResponse, RESULT, signResponseXml } from '../../server/src/signing/dss/dss-messages.js';
import { signXml, verifySignedXml, XmlMessageError } from '../../server/src/signing/dss/dss-xml.js';
import { createTestIdp, type TestIdp } from '../support/saml-idp.js';

const OUTPUTS = "/*/*[local-name()='OptionalOutputs']";

/**
 * The DSS messages' XML signatures (issue 16): a SignResponse is read only when its one enveloped
 * signature, over the whole message, verifies with the signing service's certificate; a moved,
 * doubled or partial signature, a DOCTYPE, another key or any change refuses it.
 */
describe('DSS message signatures', () => {
  let service: TestIdp;
  let other: TestIdp;
  let signed: string;

  beforeAll(async () => {
    [service, other] = await Promise.all([createTestIdp('Signeringstjänst'), createTestIdp('Någon annan')]);
    const xml = signResponseXml({
      requestId: '_request-1',
      resultMajor: RESULT.success,
      responseTime: new Date('2026-12-05T10:00:00Z'),
      request: '<dss:SignRequest/>',
      signer: {
        identityProvider: 'https://idp.example',
        authnInstant: new Date('2026-12-05T09:59:00Z'),
        loa: 'http://id.sambi.se/loa/loa3',
        assertionRef: '_a1',
        hsaId: 'SE2321000131-P000000000103',
      },
      certificateChain: [service.cert],
      signTask: {
        id: 'task-1',
        toBeSignedBytes: Buffer.from('tbs'),
        signature: Buffer.from('sig'),
        signatureType: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      },
    });
    signed = signXml(xml, service.key, service.cert, OUTPUTS);
  });

  const verify = (xml: string, certs = [service.cert]) =>
    readSignResponse(verifySignedXml(xml, 'SignResponse', 'OptionalOutputs', certs));

  it('reads a response signed by the signing service, from what the signature covers', () => {
    expect(verify(signed)).toMatchObject({
      requestId: '_request-1',
      resultMajor: RESULT.success,
      signer: { hsaId: 'SE2321000131-P000000000103', loa: 'http://id.sambi.se/loa/loa3' },
      signTask: { id: 'task-1' },
    });
    // During a rollover either certificate will do.
    expect(verify(signed, [other.cert, service.cert]).requestId).toBe('_request-1');
  });

  it.each([
    [
      'another key',
      (xml: string) =>
        signXml(xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ''), other.key, other.cert, OUTPUTS),
      /does not verify/,
    ],
    ['a changed value', (xml: string) => xml.replace('P000000000103', 'P000000000104'), /does not verify/],
    ['a DOCTYPE', (xml: string) => `<!DOCTYPE x [<!ENTITY e "P000000000104">]>${xml}`, /DOCTYPE/],
    [
      'a second signature',
      (xml: string) =>
        xml.replace(
          '</dss:OptionalOutputs>',
          `${/<ds:Signature[\s\S]*<\/ds:Signature>/.exec(xml)![0]}</dss:OptionalOutputs>`,
        ),
      /expected one signature/,
    ],
    [
      'the signature moved out of OptionalOutputs',
      (xml: string) => {
        const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(xml)![0];
        return xml.replace(signature, '').replace('</dss:SignResponse>', `${signature}</dss:SignResponse>`);
      },
      /not in dss:OptionalOutputs/,
    ],
    [
      'a reference to part of the message',
      (xml: string) => xml.replace('URI=""', 'URI="#x"'),
      /whole message/,
    ],
    ['not XML', () => 'not XML', /root element|well-formed/],
    [
      'a signature xml-crypto cannot read',
      (xml: string) => xml.replace(/(<ds:SignatureMethod Algorithm=")[^"]+/, '$1urn:beh:unknown'),
      /does not verify/,
    ],
  ])('refuses %s', (_what, change, why) => {
    expect(() => verify(change(signed))).toThrow(XmlMessageError);
    expect(() => verify(change(signed))).toThrow(why);
  });
});
