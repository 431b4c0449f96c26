import { ComingSoon } from '../../../components/ComingSoon';

// Placeholder until the page is built.
export default function VisitPage() {
  return <ComingSoon title="menu.visits" />;
}
