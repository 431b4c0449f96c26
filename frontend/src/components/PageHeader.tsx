import type { ReactNode } from 'react';

export function PageHeader({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="zs-page-head">
      <h1>{title}</h1>
      {extra && <div className="zs-toolbar" style={{ margin: 0 }}>{extra}</div>}
    </div>
  );
}
