"use client";
import { useState, type FormEvent } from "react";

export function SignInForm({ error, onSignIn }: { error: string | null; onSignIn(token: string): Promise<void> }) {
  const [token, setToken] = useState("");
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) void onSignIn(token);
  };
  return (
    <form className="card driver-sign-in" onSubmit={onSubmit} data-testid="driver-sign-in">
      <h1>Driver sign-in</h1>
      <p>Paste the sign-in code dispatch gave you, or open the link from its QR code.</p>
      <label htmlFor="driver-token">Sign-in code</label>
      <input
        id="driver-token"
        name="token"
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        value={token}
        onChange={(event) => setToken(event.target.value)}
        required
      />
      {error ? (
        <p className="driver-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button--primary">
        Sign in
      </button>
    </form>
  );
}
