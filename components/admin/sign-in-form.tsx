"use client";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { AdminApiError, adminFetch, errorMessage } from "@/lib/admin/admin-api";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { Button } from "../ui/button";
import { FormField } from "../ui/form-field";
import { LanguageSwitch } from "./language-switch";

/** `POST /api/admin/session` (201); the session itself is read next with GET. */
const ZSignedIn = z.object({ role: z.string(), csrfToken: z.string() }).loose();

/** Email and password for staff, or the installation's admin password for the first sign-in on a new install. */
export function SignInForm({ onSignedIn }: { onSignedIn(): void }) {
  const t = useAdminMessages();
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
      // A refused sign-in is said in people's words: which credentials, not which variable.
      const isRefused = failure instanceof AdminApiError && failure.status === 401;
      setError(isRefused ? (mode === "token" ? t.signIn.wrong : t.signIn.wrongAccount) : errorMessage(failure));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div className="admin-sign-in-page">
      <form className="card ui-card admin-sign-in" onSubmit={(event) => void onSubmit(event)} aria-label={t.signIn.submit}>
        <div className="admin-sign-in__head">
          <h1 className="admin-sign-in__title">{t.signIn.title}</h1>
          <LanguageSwitch />
        </div>
        <p className="admin-muted">{t.signIn.intro}</p>
        <div className="admin-segmented" role="tablist" aria-label={t.signIn.with}>
          <button type="button" className="admin-segment" role="tab" aria-selected={mode === "account"} onClick={() => setMode("account")}>
            {t.signIn.account}
          </button>
          <button type="button" className="admin-segment" role="tab" aria-selected={mode === "token"} onClick={() => setMode("token")} data-testid="sign-in-admin-password">
            {t.signIn.adminPassword}
          </button>
        </div>
        {mode === "account" ? (
          <>
            <FormField label={t.signIn.email}>
              <input type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
            </FormField>
            <FormField label={t.signIn.password}>
              <input type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
            </FormField>
          </>
        ) : (
          <FormField label={t.signIn.adminPassword} hint={t.signIn.adminPasswordHint}>
            <input type="password" autoComplete="off" required value={token} onChange={(event) => setToken(event.target.value)} />
          </FormField>
        )}
        {error && (
          <p className="admin-error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" size="lg" disabled={isBusy}>
          {t.signIn.submit}
        </Button>
      </form>
    </div>
  );
}
