document.getElementById('planner')!.textContent = 'planner';
