import { ComingSoon } from '../../components/ComingSoon';

// Placeholder until the page is built.
export default function ConflictsPage() {
  return <ComingSoon title="menu.conflicts" />;
}
