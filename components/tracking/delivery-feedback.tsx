"use client";
import { useState, type FormEvent } from "react";
import { useMessages } from "@/lib/i18n/locale-provider";
import { sendFeedback } from "@/lib/realtime/customer-api";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { MAX_FEEDBACK_COMMENT_LENGTH } from "@/lib/domain/customer-limits";
import type { TFeedback } from "@/lib/schemas/customer";

const RATINGS = [1, 2, 3, 4, 5] as const;

/** After delivery: a rating from 1 to 5 and a comment, once (the server answers 409 to a second one). */
export function DeliveryFeedback({ token, initial }: { token: string; initial: TFeedback | null }) {
  const messages = useMessages().tracking.feedback;
  const [feedback, setFeedback] = useState(initial);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (rating === null) return setProblem(messages.pickRating);
    setIsSending(true);
    const result = await sendFeedback(token, { rating, comment: comment.trim() || undefined });
    setIsSending(false);
    if (result.ok) {
      setFeedback(result.data);
      setProblem(null);
    } else {
      setProblem(result.status === 409 ? messages.alreadyRated : messages.failed);
    }
  };

  return (
    <Card title={messages.title} data-testid="feedback">
      {feedback ? (
        <div role="status">
          <p className="feedback__thanks">{messages.thanks}</p>
          <p>{messages.yourRating(feedback.rating)}</p>
          {feedback.comment && <p className="feedback__comment">“{feedback.comment}”</p>}
        </div>
      ) : (
        <form className="form" onSubmit={(event) => void onSubmit(event)}>
          <fieldset className="rating">
            <legend>{messages.legend}</legend>
            {RATINGS.map((value) => (
              <label key={value} className={`rating__option${rating !== null && value <= rating ? " rating__option--on" : ""}`}>
                <input
                  className="rating__input"
                  type="radio"
                  name="rating"
                  value={value}
                  checked={rating === value}
                  onChange={() => {
                    setRating(value);
                    setProblem(null);
                  }}
                />
                <span className="rating__star" aria-hidden="true">
                  ★
                </span>
                <span className="rating__number" aria-hidden="true">
                  {value}
                </span>
                <span className="visually-hidden">{messages.star(value)}</span>
              </label>
            ))}
          </fieldset>
          <label htmlFor="feedback-comment">{messages.comment}</label>
          <textarea id="feedback-comment" name="comment" rows={3} maxLength={MAX_FEEDBACK_COMMENT_LENGTH} value={comment} onChange={(event) => setComment(event.target.value)} />
          <Button type="submit" variant="primary" size="lg" disabled={isSending}>
            {isSending ? messages.sending : messages.submit}
          </Button>
          <p className="form__status" role="alert">
            {problem ?? ""}
          </p>
        </form>
      )}
    </Card>
  );
}
