import Link from "next/link";

export function BrandHeader({ name }: { name: string }) {
  return (
    <header className="brand">
      <Link href="/" className="brand__link">
        <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="8" fill="currentColor" />
          <path d="M9 21.5h14M11 21.5V11h6l4 5v5.5" fill="none" stroke="#fff" strokeWidth="2.2" strokeLinejoin="round" />
        </svg>
        {name}
      </Link>
    </header>
  );
}
