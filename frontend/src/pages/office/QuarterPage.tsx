import { ComingSoon } from '../../components/ComingSoon';

// Placeholder until the page is built.
export default function QuarterPage() {
  return <ComingSoon title="menu.quarters" />;
}
