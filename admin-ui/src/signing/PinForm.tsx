import { type FormEvent, useEffect, useRef, useState } from 'react';

interface Props {
  certificateName: string;
  busy: boolean;
  error: string | undefined;
  onSubmit(pin: string): void;
  onCancel(): void;
}

/** "Säkerhetskod för underskrift": the PIN of the chosen certificate. */
export function PinForm({ certificateName, busy, error, onSubmit, onCancel }: Props) {
  const [pin, setPin] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // Each try gets a fresh form (the parent keys it by attempt): empty and focused, ready to type.
  useEffect(() => {
    input.current?.focus();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pin !== '' && !busy) onSubmit(pin);
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="pin-heading">
      <h2 id="pin-heading">Säkerhetskod för underskrift</h2>
      <p className="hint">Ange PIN-koden för underskrift till certifikatet {certificateName}.</p>
      <label className="pin-label" htmlFor="pin">
        Säkerhetskod för underskrift
      </label>
      <input
        id="pin"
        ref={input}
        className="pin"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={pin}
        onChange={(e) => setPin(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'pin-error' : undefined}
      />
      {error && (
        <p id="pin-error" className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Avbryt
        </button>
        <button type="submit" disabled={busy || pin === ''}>
          {busy ? 'Signerar…' : 'OK'}
        </button>
      </div>
    </form>
  );
}
