"use client";
import * as RadixDialog from "@radix-ui/react-dialog";
import { useState, type ReactNode } from "react";
import { useLocale } from "@/lib/i18n/locale-provider";
import type { Locale } from "@/lib/i18n/locales";
import { Button } from "./button";

/** The dialogs' own words, in the page's language (every app renders inside a locale provider). */
const DIALOG_WORDS: Readonly<Record<Locale, { close: string; cancel: string }>> = {
  en: { close: "Close", cancel: "Cancel" },
  es: { close: "Cerrar", cancel: "Cancelar" },
};

export interface DialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** "sheet" slides in from the side (a detail view), "center" is a small modal. */
  variant?: "center" | "sheet";
  closeLabel?: string;
  /** False: a click outside does not close it (what it shows cannot be shown again). */
  isClosedByOutsideClick?: boolean;
  "data-testid"?: string;
}

/** An accessible dialog (Radix: focus trap, Escape, labelled by its title, focus restored). */
export function Dialog({ open, onOpenChange, title, description, children, variant = "center", closeLabel: closeLabelGiven, isClosedByOutsideClick = true, ...props }: DialogProps) {
  const closeLabel = closeLabelGiven ?? DIALOG_WORDS[useLocale()].close;
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="ui-dialog__overlay" />
        <RadixDialog.Content
          className={`ui-dialog ui-dialog--${variant}`}
          data-testid={props["data-testid"]}
          onInteractOutside={isClosedByOutsideClick ? undefined : (event) => event.preventDefault()}
        >
          <header className="ui-dialog__head">
            <RadixDialog.Title className="ui-dialog__title">{title}</RadixDialog.Title>
            <RadixDialog.Close asChild>
              <button type="button" className="ui-dialog__close" aria-label={closeLabel}>
                ×
              </button>
            </RadixDialog.Close>
          </header>
          {description ? (
            <RadixDialog.Description className="ui-dialog__description">{description}</RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="visually-hidden">{title}</RadixDialog.Description>
          )}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export interface ConfirmDialogProps {
  /** The button that asks: rendered as given, opens the dialog. */
  trigger: (open: () => void) => ReactNode;
  title: ReactNode;
  /** What will happen, in plain words. */
  description: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: "danger" | "primary";
  onConfirm(): void | Promise<void>;
}

/** Asks before a destructive action, saying what will happen; the safe choice has the focus. */
export function ConfirmDialog({ trigger, title, description, confirmLabel, cancelLabel: cancelLabelGiven, tone = "danger", onConfirm }: ConfirmDialogProps) {
  const cancelLabel = cancelLabelGiven ?? DIALOG_WORDS[useLocale()].cancel;
  const [isOpen, setIsOpen] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const confirm = async () => {
    setIsBusy(true);
    try {
      await onConfirm();
    } finally {
      setIsBusy(false);
      setIsOpen(false);
    }
  };
  return (
    <>
      {trigger(() => setIsOpen(true))}
      <RadixDialog.Root open={isOpen} onOpenChange={setIsOpen}>
        <RadixDialog.Portal>
          <RadixDialog.Overlay className="ui-dialog__overlay" />
          <RadixDialog.Content className="ui-dialog ui-dialog--center" role="alertdialog" data-testid="confirm-dialog">
            <RadixDialog.Title className="ui-dialog__title">{title}</RadixDialog.Title>
            <RadixDialog.Description className="ui-dialog__description">{description}</RadixDialog.Description>
            <div className="ui-dialog__actions">
              <RadixDialog.Close asChild>
                <Button variant="secondary" autoFocus data-testid="confirm-cancel">
                  {cancelLabel}
                </Button>
              </RadixDialog.Close>
              <Button variant={tone} disabled={isBusy} onClick={() => void confirm()} data-testid="confirm-accept">
                {confirmLabel}
              </Button>
            </div>
          </RadixDialog.Content>
        </RadixDialog.Portal>
      </RadixDialog.Root>
    </>
  );
}
