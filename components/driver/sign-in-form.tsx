"use client";
import { useState, type FormEvent } from "react";
import type { DriverSignInError } from "@/lib/i18n/driver-messages";
import { useMessages } from "@/lib/i18n/locale-provider";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { FormField } from "../ui/form-field";

export function SignInForm({ error, onSignIn }: { error: DriverSignInError | null; onSignIn(token: string): Promise<void> }) {
  const t = useMessages().driver.signIn;
  const [token, setToken] = useState("");
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) void onSignIn(token);
  };
  return (
    <Card className="driver-sign-in">
      <form onSubmit={onSubmit} data-testid="driver-sign-in" className="driver-sign-in__form">
        <h1>{t.title}</h1>
        <p>{t.body}</p>
        <FormField label={t.label}>
          <input id="driver-token" name="token" autoComplete="off" autoCapitalize="off" spellCheck={false} value={token} onChange={(event) => setToken(event.target.value)} required />
        </FormField>
        {error ? (
          <p className="driver-error" role="alert">
            {t.errors[error]}
          </p>
        ) : null}
        <Button type="submit" variant="primary" size="lg">
          {t.submit}
        </Button>
      </form>
    </Card>
  );
}
