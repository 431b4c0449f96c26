import { Input } from 'antd';
import { useCallback } from 'react';
import { useSearchText } from '../../../lib/searchParams';

/** An exact-match text filter (province, city, industry) committed after a pause, kept in the URL. */
export function TextFilter({ label, value, onChange, width = 110 }: { label: string; value: string; onChange: (v: string) => void; width?: number }) {
  const commit = useCallback((v: string) => onChange(v), [onChange]);
  const [text, setText] = useSearchText(value, commit, 600);
  return (
    <Input allowClear value={text} onChange={(e) => setText(e.target.value)} placeholder={label} aria-label={label}
           style={{ width }} maxLength={50} />
  );
}
