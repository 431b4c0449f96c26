import { ComingSoon } from '../../../components/ComingSoon';

// Placeholder until the page is built.
export default function ProjectPage() {
  return <ComingSoon title="menu.projects" />;
}
