"use client";
import { useState, type FormEvent } from "react";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";

/** Email and password for staff, or the ADMIN_TOKEN for the first sign-in on a new install. */
export function SignInForm({ onSignedIn }: { onSignedIn(): void }) {
  const [mode, setMode] = useState<"account" | "token">("account");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      await adminFetch("POST", "/api/admin/session", mode === "account" ? { email, password } : { adminToken: token });
      onSignedIn();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <form className="card admin-sign-in" onSubmit={(event) => void onSubmit(event)} aria-label="Sign in">
      <h1>Dispatch sign-in</h1>
      <div className="admin-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={mode === "account"} onClick={() => setMode("account")}>
          Staff account
        </button>
        <button type="button" role="tab" aria-selected={mode === "token"} onClick={() => setMode("token")}>
          Admin token
        </button>
      </div>
      {mode === "account" ? (
        <>
          <label>
            Email
            <input type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
          </label>
          <label>
            Password
            <input type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
          </label>
        </>
      ) : (
        <label>
          Admin token
          <input type="password" autoComplete="off" required value={token} onChange={(event) => setToken(event.target.value)} />
        </label>
      )}
      {error && (
        <p className="admin-error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={isBusy}>
        Sign in
      </button>
    </form>
  );
}
