import { ComingSoon } from '../../../components/ComingSoon';

// Placeholder until the page is built.
export default function VisitsPage() {
  return <ComingSoon title="menu.visits" />;
}
