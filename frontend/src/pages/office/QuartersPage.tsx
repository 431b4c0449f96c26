import { ComingSoon } from '../../components/ComingSoon';

// Placeholder until the page is built.
export default function QuartersPage() {
  return <ComingSoon title="menu.quarters" />;
}
