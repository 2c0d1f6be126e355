import { formatDate } from '../common/dates';
import type { Certificate } from './api';
import { commonName } from './format';

interface Props {
  certificates: Certificate[];
  selected: string | undefined;
  onSelect(id: string): void;
}

/** The signer's certificates to choose from; a locked one is shown but cannot be chosen. */
export function CertificateList({ certificates, selected, onSelect }: Props) {
  if (certificates.length === 0) {
    return <p role="alert">Du har inget certifikat för underskrift. Kontakta en administratör.</p>;
  }
  return (
    <fieldset className="certificates">
      <legend>Välj certifikat</legend>
      {certificates.map((c) => (
        <label key={c.id} className={`certificate${c.locked ? ' locked' : ''}`}>
          <input
            type="radio"
            name="certificate"
            value={c.id}
            checked={selected === c.id}
            disabled={c.locked}
            onChange={() => onSelect(c.id)}
          />
          <span className="certificate-text">
            <strong>{commonName(c.subject)}</strong>
            <span>HSA-id {c.subjectSerialNumber}</span>
            <span>
              Utfärdat av {commonName(c.issuer)} · giltigt {formatDate(c.validFrom)} – {formatDate(c.validTo)}
            </span>
            <span>Serienummer {c.serialNumber}</span>
            {c.locked ? (
              <span className="badge">Låst efter tre felaktiga PIN-koder</span>
            ) : c.triesLeft < 3 ? (
              <span className="badge warn">{c.triesLeft} försök kvar</span>
            ) : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
