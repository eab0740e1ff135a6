"use client";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { Button } from "../ui/button";
import { FormField } from "../ui/form-field";

/** `POST /api/admin/session` (201); the session itself is read next with GET. */
const ZSignedIn = z.object({ role: z.string(), csrfToken: z.string() }).loose();

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
      await adminFetch(ZSignedIn, "POST", "/api/admin/session", mode === "account" ? { email, password } : { adminToken: token });
      onSignedIn();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div className="admin-sign-in-page">
      <form className="card ui-card admin-sign-in" onSubmit={(event) => void onSubmit(event)} aria-label="Sign in">
        <h1 className="admin-sign-in__title">Lastmile dispatch</h1>
        <p className="admin-muted">Sign in to see the fleet and the orders.</p>
        <div className="admin-segmented" role="tablist" aria-label="Sign in with">
          <button type="button" className="admin-segment" role="tab" aria-selected={mode === "account"} onClick={() => setMode("account")}>
            Staff account
          </button>
          <button type="button" className="admin-segment" role="tab" aria-selected={mode === "token"} onClick={() => setMode("token")}>
            Admin token
          </button>
        </div>
        {mode === "account" ? (
          <>
            <FormField label="Email">
              <input type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
            </FormField>
            <FormField label="Password">
              <input type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
            </FormField>
          </>
        ) : (
          <FormField label="Admin token" hint="The ADMIN_TOKEN the server was started with (npm start prints it when it generated one).">
            <input type="password" autoComplete="off" required value={token} onChange={(event) => setToken(event.target.value)} />
          </FormField>
        )}
        {error && (
          <p className="admin-error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" size="lg" disabled={isBusy}>
          Sign in
        </Button>
      </form>
    </div>
  );
}
