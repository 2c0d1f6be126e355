import { formatMinute } from '../common/dates';
import type { SignRequestView } from './api';
import { groupedDigest } from './format';

/** What is being signed: exactly the text whose digest the signature will carry. */
export function DocumentPanel({ request }: { request: SignRequestView }) {
  return (
    <section className="panel" aria-labelledby="document-heading">
      <h2 id="document-heading">{request.purpose}</h2>
      <p className="hint">Detta är texten som signeras. Kontrollera den innan du signerar.</p>
      <pre className="document" tabIndex={0} aria-label="Text som signeras">
        {request.document}
      </pre>
      <dl className="facts">
        <div>
          <dt>Kontrollsumma (SHA-256)</dt>
          <dd className="digest">{groupedDigest(request.digest)}</dd>
        </div>
        <div>
          <dt>Begäran gäller till</dt>
          <dd>{formatMinute(request.expiresAt)}</dd>
        </div>
      </dl>
    </section>
  );
}
