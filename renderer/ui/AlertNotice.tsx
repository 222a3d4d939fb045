/** A notice announced to screen readers as it appears (role="alert"); nothing when there is none. */
export function AlertNotice({ message }: { message: string | null }) {
  return message ? (
    <p className="notice" role="alert">
      {message}
    </p>
  ) : null;
}
