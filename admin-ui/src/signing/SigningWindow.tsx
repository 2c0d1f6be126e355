import { useCallback, useEffect, useState } from 'react';
import {
  type Certificate,
  fetchCertificates,
  fetchRequest,
  fetchSignServiceForm,
  postForm,
  postSignature,
  refusalOf,
  type SignRequestView,
} from './api';
import { CertificateList } from './CertificateList';
import { DocumentPanel } from './DocumentPanel';
import { commonName } from './format';
import { announceSigned } from './notify';
import { PinForm } from './PinForm';

/** The steps of seeds/001 "Granskning och signering": review, choose certificate, PIN, done. */
type Step =
  | { name: 'loading' }
  | { name: 'unavailable'; message: string }
  | { name: 'review' }
  | { name: 'choose'; error?: string }
  /** `attempt` starts a fresh PIN field after each wrong PIN. */
  | { name: 'pin'; certificate: Certificate; attempt: number; error?: string }
  | { name: 'signed' };

/**
 * What is signed, in the window's words: an attest signs an order; an access review's decisions
 * (kind REVIEW, issue 17) sign a review. Anything else is worded as an order, as before.
 */
function wordsOf(kind: string | undefined) {
  const review = kind === 'REVIEW';
  const startAgain = review
    ? 'Stäng fönstret och börja om från granskningen.'
    : 'Stäng fönstret och börja om från beställningen.';
  return {
    sign: review ? 'Signera granskning' : 'Signera beställning',
    signed: review ? 'Granskningen signerades' : 'Beställningen signerades',
    startAgain,
    unavailable: {
      SIGNED: review ? 'Granskningen är redan signerad.' : 'Beställningen är redan signerad.',
      EXPIRED: `Signeringsbegäran har gått ut: den gäller i 10 minuter. ${startAgain}`,
      FAILED: `Signeringen misslyckades. ${startAgain}`,
    } satisfies Record<Exclude<SignRequestView['status'], 'PENDING'>, string>,
  };
}

interface Loaded {
  request?: SignRequestView;
  certificates: Certificate[];
  step: Step;
}

/** Whether the signer signs in this window (embedded test CA) or at a signing service (DSS). */
const atSignService = (request: SignRequestView) => request.provider !== 'embedded';

/** Back from the signing service: the page it posted to sends the browser here with this mark. */
const returned = () => new URLSearchParams(window.location.search).has('returned');

async function loadRequest(requestId: string): Promise<Loaded> {
  try {
    const request = await fetchRequest(requestId);
    const certificates = atSignService(request) ? [] : await fetchCertificates(requestId);
    let step: Step =
      request.status === 'PENDING'
        ? { name: 'review' }
        : { name: 'unavailable', message: wordsOf(request.kind).unavailable[request.status] };
    if (atSignService(request) && returned()) {
      if (request.status === 'SIGNED') step = { name: 'signed' };
      if (request.status === 'FAILED')
        step = {
          name: 'unavailable',
          message: request.failure
            ? `${request.failure} ${wordsOf(request.kind).startAgain}`
            : wordsOf(request.kind).unavailable.FAILED,
        };
    }
    return { request, certificates, step };
  } catch (error) {
    return { certificates: [], step: { name: 'unavailable', message: refusalOf(error).message } };
  }
}

export function SigningWindow({ requestId }: { requestId: string }) {
  const [request, setRequest] = useState<SignRequestView>();
  const [certificates, setCertificates] = useState<Certificate[]>([]);
  const [selected, setSelected] = useState<string>();
  const [step, setStep] = useState<Step>({ name: 'loading' });
  const [busy, setBusy] = useState(false);

  const apply = useCallback((loaded: Loaded) => {
    setRequest(loaded.request);
    setCertificates(loaded.certificates);
    setSelected((current) => current ?? loaded.certificates.find((c) => !c.locked)?.id);
    setStep(loaded.step);
  }, []);

  useEffect(() => {
    let live = true;
    void loadRequest(requestId).then((loaded) => {
      if (!live) return;
      apply(loaded);
      // Signed at the signing service: the page behind is told now, as after a PIN.
      if (loaded.step.name === 'signed') announceSigned(requestId);
    });
    return () => {
      live = false;
    };
  }, [requestId, apply]);

  const sign = async (certificate: Certificate, pin: string) => {
    setBusy(true);
    try {
      await postSignature(requestId, certificate.id, pin);
      setStep({ name: 'signed' });
      // Told at once, not only on "Stäng fönstret": the queue refreshes even if this window is left open.
      announceSigned(requestId);
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal.wrongPin) {
        setStep((current) => ({
          name: 'pin',
          certificate,
          attempt: current.name === 'pin' ? current.attempt + 1 : 0,
          error: refusal.message,
        }));
      } else if (refusal.locked) {
        // Locked now: back to the list, which shows the certificate as locked, with the reason.
        const reloaded = await loadRequest(requestId);
        apply({
          ...reloaded,
          step: reloaded.request ? { name: 'choose', error: refusal.message } : reloaded.step,
        });
      } else {
        setStep({ name: 'unavailable', message: refusal.message });
      }
    } finally {
      setBusy(false);
    }
  };

  /** DSS: the SignRequest goes to the signing service by a form post (the browser binding). */
  const toSignService = async () => {
    setBusy(true);
    try {
      postForm(await fetchSignServiceForm(requestId));
    } catch (error) {
      setStep({ name: 'unavailable', message: refusalOf(error).message });
      setBusy(false);
    }
  };

  const chosen = certificates.find((c) => c.id === selected);
  const words = wordsOf(request?.kind);
  return (
    <div className="window">
      <header className="bar">
        <span className="brand">BEH – Behörighetsbeställning</span>
        {request && <span>Signerar: {request.signer.name}</span>}
      </header>
      <main>
        <h1>{step.name === 'signed' ? words.signed : words.sign}</h1>
        {step.name === 'loading' && <p aria-live="polite">Hämtar signeringsbegäran…</p>}
        {step.name === 'unavailable' && (
          <>
            <p className="error" role="alert">
              {step.message}
            </p>
            <CloseButton />
          </>
        )}
        {step.name === 'review' && request && atSignService(request) && (
          <>
            <DocumentPanel request={request} />
            <p className="hint">
              Du skickas till signeringstjänsten, där du legitimerar dig med ditt SITHS-kort och ser vad du
              signerar. Tänk på att fysiskt SITHS-kort krävs. Signeringstjänsten använder samma PIN som
              inloggning.
            </p>
            <div className="actions">
              <button type="button" disabled={busy} onClick={() => void toSignService()}>
                {words.sign}
              </button>
            </div>
          </>
        )}
        {step.name === 'review' && request && !atSignService(request) && (
          <>
            <DocumentPanel request={request} />
            <p className="hint">Signeringen sker med ditt certifikat för underskrift och dess PIN-kod.</p>
            <div className="actions">
              <button type="button" onClick={() => setStep({ name: 'choose' })}>
                {words.sign}
              </button>
            </div>
          </>
        )}
        {step.name === 'choose' && (
          <form
            className="panel"
            onSubmit={(event) => {
              event.preventDefault();
              if (chosen && !chosen.locked) setStep({ name: 'pin', certificate: chosen, attempt: 0 });
            }}
          >
            {step.error && (
              <p className="error" role="alert">
                {step.error}
              </p>
            )}
            <CertificateList certificates={certificates} selected={selected} onSelect={setSelected} />
            <div className="actions">
              <button type="button" className="secondary" onClick={() => setStep({ name: 'review' })}>
                Tillbaka
              </button>
              <button type="submit" disabled={!chosen || chosen.locked}>
                OK
              </button>
            </div>
          </form>
        )}
        {step.name === 'pin' && (
          <PinForm
            key={step.attempt}
            certificateName={commonName(step.certificate.subject)}
            busy={busy}
            error={step.error}
            onSubmit={(pin) => void sign(step.certificate, pin)}
            onCancel={() => setStep({ name: 'choose' })}
          />
        )}
        {step.name === 'signed' && (
          <>
            <p role="status">Signaturen är kontrollerad och sparad. Du kan stänga fönstret.</p>
            <CloseButton />
          </>
        )}
      </main>
    </div>
  );
}

function CloseButton() {
  return (
    <div className="actions">
      <button type="button" onClick={() => window.close()}>
        Stäng fönstret
      </button>
    </div>
  );
}
